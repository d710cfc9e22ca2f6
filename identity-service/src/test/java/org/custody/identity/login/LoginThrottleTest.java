package org.custody.identity.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** Failed-login throttling (P15) with a clock moved by hand. */
class LoginThrottleTest {
  private final MutableClock clock = MutableClock.at("2026-11-27T09:00:00Z");
  private final InMemoryThrottleStore store = new InMemoryThrottleStore();
  private final LoginThrottle throttle = new LoginThrottle(store, ThrottleSettings.defaults(), new byte[32], clock);
  private final LoginThrottle.Keys pair = throttle.keysFor("acme", "jane@example.com", "client-a");

  private DomainException refusal() {
    return refusal(pair);
  }

  private DomainException refusal(LoginThrottle.Keys keys) {
    try {
      throttle.checkAllowed(keys);
    } catch (DomainException e) {
      return e;
    }
    return null;
  }

  @Test
  void P15_delaysGrowAfterTheFreeFailures() {
    throttle.recordFailure(pair);
    throttle.recordFailure(pair);
    assertThat(refusal()).isNull();
    throttle.recordFailure(pair);
    DomainException first = refusal();
    assertThat(first.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
    assertThat(first.reason()).isEqualTo("LOGIN_THROTTLED");
    assertThat(first.retryAfter()).contains(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(refusal()).isNull();
    throttle.recordFailure(pair);
    assertThat(refusal().retryAfter()).contains(Duration.ofSeconds(2));
    throttle.recordFailure(pair);
    assertThat(refusal().retryAfter()).contains(Duration.ofSeconds(4));
  }

  @Test
  void P15_tenFailuresInFifteenMinutesLockForFifteenMinutes() {
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(70));
      throttle.recordFailure(pair);
    }
    DomainException locked = refusal();
    assertThat(locked.reason()).isEqualTo("LOGIN_LOCKED");
    assertThat(locked.retryAfter()).contains(Duration.ofMinutes(15));
    clock.advance(Duration.ofMinutes(14));
    assertThat(refusal().reason()).isEqualTo("LOGIN_LOCKED");
    clock.advance(Duration.ofMinutes(1));
    assertThat(refusal()).isNull();
  }

  @Test
  void recordFailure_afterTheWindow_startsCountingAfresh() {
    for (int i = 0; i < 9; i++) {
      throttle.recordFailure(pair);
    }
    clock.advance(Duration.ofMinutes(16));
    throttle.recordFailure(pair);
    assertThat(refusal()).isNull();
    assertThat(store.find(pair.client()).orElseThrow().failures()).isEqualTo(1);
  }

  @Test
  void reset_forgetsFailures() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure(pair);
    }
    throttle.reset(pair);
    assertThat(refusal()).isNull();
  }

  @Test
  void keysFor_arePseudonymousAndPerProjectAndClient() {
    assertThat(new String(pair.client(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("jane");
    assertThat(throttle.keysFor("other", "jane@example.com", "client-a").client()).isNotEqualTo(pair.client());
    assertThat(throttle.keysFor("acme", "jane@example.com", "client-b").client()).isNotEqualTo(pair.client());
    assertThat(throttle.keysFor("acme", "jane@example.com", "client-b").account()).isEqualTo(pair.account());
    assertThat(throttle.keysFor("acme", "jane@example.com", "client-a").client()).isEqualTo(pair.client());
  }

  @Test
  void P15_aLockedClientDoesNotLockTheOwnersClient() {
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(70));
      throttle.recordFailure(pair);
    }
    assertThat(refusal().reason()).isEqualTo("LOGIN_LOCKED");
    assertThat(refusal(throttle.keysFor("acme", "jane@example.com", "owner"))).isNull();
  }

  @Test
  void P15_pastTheAccountCeiling_attemptsAreSpacedButNeverLocked() {
    LoginThrottle.Keys owner = throttle.keysFor("acme", "jane@example.com", "owner");
    for (int client = 0; client < 10; client++) {
      LoginThrottle.Keys attacker = throttle.keysFor("acme", "jane@example.com", "bot-" + client);
      for (int i = 0; i < 10; i++) {
        throttle.recordFailure(attacker);
      }
    }
    DomainException spaced = refusal(owner);
    assertThat(spaced.reason()).isEqualTo("LOGIN_THROTTLED");
    assertThat(spaced.retryAfter()).contains(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    assertThat(refusal(owner)).as("slowed, not locked").isNull();
    throttle.recordFailure(owner);
    clock.advance(Duration.ofSeconds(2));
    assertThat(refusal(owner)).isNull();
  }

  @Test
  void resetAccount_forgetsEveryClientsFailures() {
    LoginThrottle.Keys other = throttle.keysFor("acme", "jane@example.com", "client-b");
    for (int i = 0; i < 10; i++) {
      throttle.recordFailure(pair);
      throttle.recordFailure(other);
    }
    throttle.resetAccount(pair.account());
    assertThat(refusal()).isNull();
    assertThat(refusal(other)).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  void purgeStale_dropsExpiredWindowsButKeepsLocks() {
    throttle.recordFailure(pair);
    clock.advance(Duration.ofMinutes(10));
    LoginThrottle.Keys locked = throttle.keysFor("acme", "locked@example.com", "client-a");
    for (int i = 0; i < 10; i++) {
      throttle.recordFailure(locked);
    }
    clock.advance(Duration.ofMinutes(6));
    assertThat(throttle.purgeStale()).as("jane's client and account rows").isEqualTo(2);
    assertThat(store.size()).as("the locked client's row, and its account's until the window ends").isEqualTo(2);
  }
}
