package org.custody.identity.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.custody.identity.login.ThrottleState;
import org.custody.identity.login.ThrottleStore;
import org.custody.platform.errors.DomainException;

/**
 * At most {@code max} requests per {@code window} per key (a fixed window counted in the
 * throttle table), refused with RESOURCE_EXHAUSTED {@code reason} and the time until the window
 * ends. Counted whether or not the request concerns an existing account.
 */
final class RequestLimit {
  private final ThrottleStore store;
  private final int max;
  private final Duration window;
  private final String reason;
  private final Clock clock;

  RequestLimit(ThrottleStore store, int max, Duration window, String reason, Clock clock) {
    this.store = store;
    this.max = max;
    this.window = window;
    this.reason = reason;
    this.clock = clock;
  }

  /** Counts one request under {@code key}, or refuses it when the window is full. */
  void acquire(byte[] key) {
    Instant now = clock.instant();
    store.update(key, key, current -> {
      Optional<ThrottleState> open = current.filter(s -> now.isBefore(s.windowStart().plus(window)));
      if (open.isPresent() && open.get().failures() >= max) {
        throw DomainException.exhausted(reason, "too many recovery requests; try again later",
            Duration.between(now, open.get().windowStart().plus(window)));
      }
      return Optional.of(open.map(s -> new ThrottleState(s.failures() + 1, s.windowStart(), now, Optional.empty()))
          .orElse(new ThrottleState(1, now, now, Optional.empty())));
    });
  }
}
