package org.custody.identity.account;

import java.time.Instant;

/**
 * A registered user of a project site (P2): name, company or affiliation, e-mail. Credentials
 * live apart and never travel with it.
 */
public record Account(String projectId, String id, String fullName, String company, String email,
    AccountState state, Instant createTime, Instant updateTime) {

  public Account withState(AccountState newState, Instant time) {
    return new Account(projectId, id, fullName, company, email, newState, createTime, time);
  }

  public Account withProfile(String newFullName, String newCompany, Instant time) {
    return new Account(projectId, id, newFullName, newCompany, email, state, createTime, time);
  }

  public Account withEmail(String newEmail, Instant time) {
    return new Account(projectId, id, fullName, company, newEmail, state, createTime, time);
  }

  @Override
  public String toString() {
    return "Account[" + projectId + "/" + id + ", " + state + "]"; // no personal data in logs or messages
  }
}
