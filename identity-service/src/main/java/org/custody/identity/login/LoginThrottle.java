package org.custody.identity.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.custody.platform.errors.DomainException;

/**
 * Throttles repeated failures (P15) on two levels. Per (project, e-mail, client key): growing
 * delays and then a temporary lock, so one client guessing is stopped. Per (project, e-mail)
 * across every client: past a much higher ceiling, attempts are spaced out but never locked, so
 * many clients guessing are slowed while the owner, from their own client, still gets in (and
 * recovery always works). It never looks at whether an account exists, so an unknown address is
 * throttled exactly like a known one. Keys are HMAC-SHA256 under a service secret, so neither the
 * addresses people typed nor their clients' keys are stored.
 */
public final class LoginThrottle {
  private final ThrottleStore store;
  private final ThrottleSettings settings;
  private final SecretKeySpec key;
  private final Clock clock;

  /** The two rows a login attempt counts in. */
  public record Keys(byte[] account, byte[] client) {}

  public LoginThrottle(ThrottleStore store, ThrottleSettings settings, byte[] secret, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.clock = clock;
  }

  /** The pseudonymous key of a (project, normalised e-mail) pair: the account's row. */
  public byte[] accountKey(String projectId, String email) {
    return mac(projectId + "\n" + email);
  }

  /** The keys of an attempt at (project, e-mail) from {@code clientKey} ("" when the caller has none). */
  public Keys keysFor(String projectId, String email, String clientKey) {
    return new Keys(accountKey(projectId, email), mac(projectId + "\n" + email + "\n" + clientKey));
  }

  /** A pseudonymous key of other throttled things (recovery requests per address and per project). */
  public byte[] keyOf(String purpose, String... parts) {
    return mac(purpose + "\n" + String.join("\n", parts));
  }

  /** Refuses with RESOURCE_EXHAUSTED and a retry delay while the client is locked or must wait, or the account is spaced out. */
  public void checkAllowed(Keys keys) {
    Instant now = clock.instant();
    ThrottleState client = null;
    ThrottleState account = null;
    for (ThrottleStore.Keyed row : store.findAll(List.of(keys.client(), keys.account()))) {
      if (Arrays.equals(row.key(), keys.client())) {
        client = row.state();
      } else {
        account = row.state();
      }
    }
    if (client != null) {
      if (client.lockedUntil().isPresent() && now.isBefore(client.lockedUntil().get())) {
        throw DomainException.exhausted("LOGIN_LOCKED", "too many failed logins; try again later",
            Duration.between(now, client.lockedUntil().get()));
      }
      if (windowOpen(client, now)) {
        refuseBefore(client.lastFailure().plus(settings.delayAfter(client.failures())), now);
      }
    }
    if (account != null && windowOpen(account, now) && account.failures() >= settings.accountCeiling()) {
      refuseBefore(account.lastFailure().plus(settings.accountDelay()), now);
    }
  }

  private static void refuseBefore(Instant allowedAt, Instant now) {
    if (now.isBefore(allowedAt)) {
      throw DomainException.exhausted("LOGIN_THROTTLED", "too many failed logins; wait before trying again",
          Duration.between(now, allowedAt));
    }
  }

  /** Counts a failure for the client and for the account; the client's failure that reaches the maximum locks it. */
  public void recordFailure(Keys keys) {
    Instant now = clock.instant();
    store.update(keys.client(), keys.account(), current -> Optional.of(next(current, now, settings.maxFailures())));
    store.update(keys.account(), keys.account(), current -> Optional.of(next(current, now, Integer.MAX_VALUE)));
  }

  private ThrottleState next(Optional<ThrottleState> current, Instant now, int lockAt) {
    ThrottleState previous = current.filter(s -> windowOpen(s, now)).orElse(null);
    int failures = previous == null ? 1 : previous.failures() + 1;
    Instant windowStart = previous == null ? now : previous.windowStart();
    Optional<Instant> lockedUntil = failures >= lockAt
        ? Optional.of(now.plus(settings.lockDuration()))
        : current.flatMap(ThrottleState::lockedUntil).filter(now::isBefore);
    return new ThrottleState(failures, windowStart, now, lockedUntil);
  }

  /** Forgets the client's failures after it logged in (the account's count stays: other clients may still be guessing). */
  public void reset(Keys keys) {
    store.delete(keys.client());
  }

  /** Forgets every failure of the account, from every client (recovery, erasure). */
  public void resetAccount(byte[] accountKey) {
    store.deleteAccount(accountKey);
  }

  /** Deletes states that no longer throttle anything; returns how many. */
  public int purgeStale() {
    Instant now = clock.instant();
    return store.deleteStale(now.minus(settings.window()), now);
  }

  private boolean windowOpen(ThrottleState state, Instant now) {
    return now.isBefore(state.windowStart().plus(settings.window()));
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
