package org.custody.platform.subject;

import java.util.Objects;
import java.util.Optional;

/**
 * A data subject within a project site: by account, or by e-mail address for people known only
 * that way (contacts). Exactly one of {@code accountId} and {@code email} is present. The e-mail
 * is as the request gave it; a service normalises it as it stores addresses.
 */
public record SubjectRef(String projectId, Optional<String> accountId, Optional<String> email) {
  public SubjectRef {
    Objects.requireNonNull(projectId, "projectId");
    if (accountId.isPresent() == email.isPresent()) {
      throw new IllegalArgumentException("a subject is named by exactly one of account and e-mail");
    }
  }

  public static SubjectRef account(String projectId, String accountId) {
    return new SubjectRef(projectId, Optional.of(accountId), Optional.empty());
  }

  public static SubjectRef email(String projectId, String email) {
    return new SubjectRef(projectId, Optional.empty(), Optional.of(email));
  }

  /** {@code projects/{project}/accounts/{account}}, when the subject is named by account. */
  public Optional<String> accountName() {
    return accountId.map(id -> "projects/" + projectId + "/accounts/" + id);
  }

  /** Never the e-mail address: references end up in log lines and exception messages. */
  @Override
  public String toString() {
    return "SubjectRef[projects/" + projectId + accountId.map(id -> "/accounts/" + id).orElse(" by e-mail") + "]";
  }
}
