package org.custody.identity.api;

import java.util.List;
import org.custody.platform.api.AccountName;
import org.custody.platform.api.ResourceNames;

/** The identity service's resource names (AIP-122). */
final class Names {
  static final String PROJECT = "projects/{project}";
  static final String ACCOUNT = AccountName.PATTERN;
  static final String SESSION = "projects/{project}/accounts/{account}/sessions/{session}";

  private Names() {}

  static String project(String projectId) {
    return "projects/" + projectId;
  }

  static String account(String projectId, String accountId) {
    return project(projectId) + "/accounts/" + accountId;
  }

  static String contact(String projectId, String contactId) {
    return project(projectId) + "/contacts/" + contactId;
  }

  static String session(String projectId, String accountId, String sessionId) {
    return account(projectId, accountId) + "/sessions/" + sessionId;
  }

  static String projectId(String field, String name) {
    return ResourceNames.id(field, name, PROJECT);
  }

  static AccountName parseAccount(String field, String name) {
    return AccountName.parse(field, name);
  }

  /** A session's resource name: its account and its own id. */
  record SessionName(AccountName account, String sessionId) {}

  static SessionName parseSession(String field, String name) {
    List<String> ids = ResourceNames.parse(field, name, SESSION);
    return new SessionName(new AccountName(ids.get(0), ids.get(1)), ids.get(2));
  }
}
