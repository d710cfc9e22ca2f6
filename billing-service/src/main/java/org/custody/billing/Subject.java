package org.custody.billing;

import java.util.Objects;

/**
 * The person billing data belongs to: an account of a project site. Every row this service
 * holds about a person carries these two ids, and the person's data key is looked up by them.
 */
public record Subject(String projectId, String accountId) {
  public Subject {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(accountId, "accountId");
  }

  /** {@code projects/{project}/accounts/{account}}. */
  public String accountName() {
    return "projects/" + projectId + "/accounts/" + accountId;
  }

  @Override
  public String toString() {
    return accountName();
  }
}
