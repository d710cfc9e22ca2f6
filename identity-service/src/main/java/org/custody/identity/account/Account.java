package org.custody.identity.account;

import java.time.Instant;
import java.util.Optional;

/**
 * A registered user of a project site (P2): name, company or affiliation, e-mail. Credentials
 * live apart and never travel with it.
 *
 * @param emailVerifyTime when the current address was proved to reach the person; empty while unverified
 */
public record Account(String projectId, String id, String fullName, String company, String email,
    AccountState state, Instant createTime, Instant updateTime, Optional<Instant> emailVerifyTime) {

  public Account withState(AccountState newState, Instant time) {
    return new Account(projectId, id, fullName, company, email, newState, createTime, time, emailVerifyTime);
  }

  public Account withProfile(String newFullName, String newCompany, Instant time) {
    return new Account(projectId, id, newFullName, newCompany, email, state, createTime, time, emailVerifyTime);
  }

  /** A new address starts unverified. */
  public Account withEmail(String newEmail, Instant time) {
    return new Account(projectId, id, fullName, company, newEmail, state, createTime, time, Optional.empty());
  }

  public Account verified(Instant time) {
    return new Account(projectId, id, fullName, company, email, state, createTime, time, Optional.of(time));
  }

  public boolean emailVerified() {
    return emailVerifyTime.isPresent();
  }

  /** {@code projects/{project}/accounts/{account}}: the subject id the outbox files this person's mail under. */
  public String name() {
    return "projects/" + projectId + "/accounts/" + id;
  }

  @Override
  public String toString() {
    return "Account[" + projectId + "/" + id + ", " + state + "]"; // no personal data in logs or messages
  }
}
