package org.custody.platform.api;

import java.util.List;
import java.util.Objects;

/**
 * An account's resource name, {@code projects/{project}/accounts/{account}}: the name every
 * service uses for the person its data belongs to.
 */
public record AccountName(String projectId, String accountId) {
  public static final String PATTERN = "projects/{project}/accounts/{account}";

  public AccountName {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(accountId, "accountId");
  }

  /** The account {@code name} names, or INVALID_ARGUMENT on {@code field}. */
  public static AccountName parse(String field, String name) {
    List<String> ids = ResourceNames.parse(field, name, PATTERN);
    return new AccountName(ids.get(0), ids.get(1));
  }

  /** {@code projects/{project}/accounts/{account}}. */
  public String name() {
    return "projects/" + projectId + "/accounts/" + accountId;
  }

  /** The name, as {@link #name()}. */
  @Override
  public String toString() {
    return name();
  }
}
