package org.custody.identity.login;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Persistence of throttle states, keyed by keyed hashes: of (project, e-mail, client key) for a
 * client's failures, of (project, e-mail) for the account's. Every row carries its account's key
 * so the account's rows can be cleared together.
 */
public interface ThrottleStore {
  Optional<ThrottleState> find(byte[] key);

  /** The states of several keys in one read (absent keys are left out). */
  List<Keyed> findAll(List<byte[]> keys);

  /** A state with its key. */
  record Keyed(byte[] key, ThrottleState state) {}

  /** Replaces the state atomically with {@code change} applied to the current one (empty if none). */
  void update(byte[] key, byte[] accountKey, UnaryOperator<Optional<ThrottleState>> change);

  void delete(byte[] key);

  /** Deletes every row of the account (its own and each client key's); returns how many. */
  int deleteAccount(byte[] accountKey);

  /** Deletes states whose window started before {@code windowStartBefore} and that are not locked at {@code now}. */
  int deleteStale(Instant windowStartBefore, Instant now);
}
