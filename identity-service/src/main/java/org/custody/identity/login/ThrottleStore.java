package org.custody.identity.login;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Persistence of throttle states, keyed by a keyed hash of (project, e-mail). */
public interface ThrottleStore {
  Optional<ThrottleState> find(byte[] key);

  /** Replaces the state atomically with {@code change} applied to the current one (empty if none). */
  void update(byte[] key, UnaryOperator<Optional<ThrottleState>> change);

  void delete(byte[] key);

  /** Deletes states whose window started before {@code windowStartBefore} and that are not locked at {@code now}. */
  int deleteStale(Instant windowStartBefore, Instant now);
}
