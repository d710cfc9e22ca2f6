package org.custody.identity.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.custody.platform.errors.DomainException;

/**
 * Throttles repeated failures per (project, e-mail) with growing delays and then a temporary
 * lock (P15). It never looks at whether an account exists, so an unknown address is throttled
 * exactly like a known one. Pairs are keyed by HMAC-SHA256 under a service secret, so the
 * addresses people typed are not stored.
 */
public final class LoginThrottle {
  private final ThrottleStore store;
  private final ThrottleSettings settings;
  private final SecretKeySpec key;
  private final Clock clock;

  public LoginThrottle(ThrottleStore store, ThrottleSettings settings, byte[] secret, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.clock = clock;
  }

  /** The pseudonymous key of a (project, normalised e-mail) pair. */
  public byte[] keyFor(String projectId, String email) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((projectId + "\n" + email).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  /** Refuses with RESOURCE_EXHAUSTED and a retry delay while the pair is locked or must wait. */
  public void checkAllowed(byte[] pairKey) {
    Optional<ThrottleState> found = store.find(pairKey);
    if (found.isEmpty()) {
      return;
    }
    ThrottleState state = found.get();
    Instant now = clock.instant();
    if (state.lockedUntil().isPresent() && now.isBefore(state.lockedUntil().get())) {
      throw DomainException.exhausted("LOGIN_LOCKED", "too many failed logins; try again later",
          Duration.between(now, state.lockedUntil().get()));
    }
    if (!windowOpen(state, now)) {
      return;
    }
    Instant allowedAt = state.lastFailure().plus(settings.delayAfter(state.failures()));
    if (now.isBefore(allowedAt)) {
      throw DomainException.exhausted("LOGIN_THROTTLED", "too many failed logins; wait before trying again",
          Duration.between(now, allowedAt));
    }
  }

  /** Counts a failure; the one that reaches the maximum locks the pair. */
  public void recordFailure(byte[] pairKey) {
    Instant now = clock.instant();
    store.update(pairKey, current -> {
      ThrottleState previous = current.filter(s -> windowOpen(s, now)).orElse(null);
      int failures = previous == null ? 1 : previous.failures() + 1;
      Instant windowStart = previous == null ? now : previous.windowStart();
      Optional<Instant> lockedUntil = failures >= settings.maxFailures()
          ? Optional.of(now.plus(settings.lockDuration()))
          : current.flatMap(ThrottleState::lockedUntil).filter(now::isBefore);
      return Optional.of(new ThrottleState(failures, windowStart, now, lockedUntil));
    });
  }

  /** Forgets the pair's failures after a successful login. */
  public void reset(byte[] pairKey) {
    store.delete(pairKey);
  }

  /** Deletes states that no longer throttle anything; returns how many. */
  public int purgeStale() {
    Instant now = clock.instant();
    return store.deleteStale(now.minus(settings.window()), now);
  }

  private boolean windowOpen(ThrottleState state, Instant now) {
    return now.isBefore(state.windowStart().plus(settings.window()));
  }
}
