package org.custody.identity.credential;

import java.time.Instant;
import java.util.Optional;

/** Persistence of password credentials (PHC strings), one per account. */
public interface CredentialStore {
  void insert(String projectId, String accountId, String phc, Instant time);

  Optional<String> find(String projectId, String accountId);

  /** When the password was last set, for exports. */
  Optional<Instant> updateTime(String projectId, String accountId);

  void update(String projectId, String accountId, String phc, Instant time);

  /** Deletes the account's credential; returns how many rows (0 or 1). */
  int delete(String projectId, String accountId);
}
