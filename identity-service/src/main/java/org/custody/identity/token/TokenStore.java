package org.custody.identity.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of mailed tokens, addressed by the SHA-256 of the token. */
public interface TokenStore {
  void insert(AccountToken token);

  Optional<AccountToken> find(byte[] hash);

  /** Deletes the token; true only for the one call that deleted it (so a token is used once). */
  boolean delete(byte[] hash);

  /** Deletes the account's tokens of {@code purpose}; returns how many. */
  int deleteFor(String projectId, String accountId, TokenPurpose purpose);

  /** Deletes every token of the account (erasure); returns how many. */
  int deleteAll(String projectId, String accountId);

  /** The account's tokens (for exports: purpose and times, never the hash). */
  List<AccountToken> listFor(String projectId, String accountId);

  /** Deletes tokens that expired before {@code before}; returns how many. */
  int deleteExpired(Instant before);
}
