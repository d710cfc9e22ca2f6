package org.custody.platform.api;

import java.util.List;

/**
 * An account's resource name, {@code projects/{project}/accounts/{account}}: the name every
 * service uses for the person its data belongs to.
 */
public record AccountName(String projectId, String accountId) {
  public static final String PATTERN = "projects/{project}/accounts/{account}";

  /** The account {@code name} names, or INVALID_ARGUMENT on {@code field}. */
  public static AccountName parse(String field, String name) {
    List<String> ids = ResourceNames.parse(field, name, PATTERN);
    return new AccountName(ids.get(0), ids.get(1));
  }

  /** {@code projects/{project}/accounts/{account}}. */
  @Override
  public String toString() {
    return "projects/" + projectId + "/accounts/" + accountId;
  }
}
