package org.custody.identity.api;

import java.util.List;
import org.custody.platform.api.ResourceNames;

/** The identity service's resource names (AIP-122). */
final class Names {
  static final String PROJECT = "projects/{project}";
  static final String ACCOUNT = "projects/{project}/accounts/{account}";
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

  /** [project, account] of an account name. */
  static List<String> parseAccount(String field, String name) {
    return ResourceNames.parse(field, name, ACCOUNT);
  }

  /** [project, account, session] of a session name. */
  static List<String> parseSession(String field, String name) {
    return ResourceNames.parse(field, name, SESSION);
  }
}
