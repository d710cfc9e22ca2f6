package org.custody.identity.subject;

import java.util.Optional;

/**
 * A data subject within a project site: by account id, or by e-mail address for people known
 * only as contacts. An address that belongs to an account stands for that account's holder.
 */
public record SubjectRef(String projectId, Optional<String> accountId, Optional<String> email) {
  public static SubjectRef account(String projectId, String accountId) {
    return new SubjectRef(projectId, Optional.of(accountId), Optional.empty());
  }

  public static SubjectRef email(String projectId, String email) {
    return new SubjectRef(projectId, Optional.empty(), Optional.of(email));
  }

  @Override
  public String toString() {
    return "SubjectRef[" + projectId + "/" + accountId.orElse("by-email") + "]";
  }
}
