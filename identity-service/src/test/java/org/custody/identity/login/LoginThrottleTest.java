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
  private final byte[] pair = throttle.keyFor("acme", "jane@example.com");

  private DomainException refusal() {
    try {
      throttle.checkAllowed(pair);
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
    assertThat(store.find(pair).orElseThrow().failures()).isEqualTo(1);
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
  void keyFor_isPseudonymousAndPerProject() {
    assertThat(new String(pair, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("jane");
    assertThat(throttle.keyFor("other", "jane@example.com")).isNotEqualTo(pair);
    assertThat(throttle.keyFor("acme", "jane@example.com")).isEqualTo(pair);
  }

  @Test
  void purgeStale_dropsExpiredWindowsButKeepsLocks() {
    throttle.recordFailure(pair);
    clock.advance(Duration.ofMinutes(10));
    byte[] locked = throttle.keyFor("acme", "locked@example.com");
    for (int i = 0; i < 10; i++) {
      throttle.recordFailure(locked);
    }
    clock.advance(Duration.ofMinutes(6));
    assertThat(throttle.purgeStale()).isEqualTo(1);
    assertThat(store.size()).isEqualTo(1);
  }
}
