package org.custody.analytics.subject;

import java.util.Optional;

/**
 * A data subject as the analytics service can know them: only through survey responses they
 * submitted under their account. A subject known only by e-mail has nothing here.
 *
 * @param account {@code projects/{project}/accounts/{account}}, when the subject is named by
 *     their account
 */
public record Subject(String projectId, Optional<String> account) {
  @Override
  public String toString() {
    return "Subject[redacted]";
  }
}
