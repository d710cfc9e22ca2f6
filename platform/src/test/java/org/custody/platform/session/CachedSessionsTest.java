package org.custody.platform.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class CachedSessionsTest {
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final Map<String, String> live = new HashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private boolean reachable = true;
  private final SessionValidator identity = token -> {
    calls.incrementAndGet();
    if (!reachable) {
      throw DomainException.of(ErrorKind.UNAVAILABLE, "IDENTITY_UNAVAILABLE", "down");
    }
    return Optional.ofNullable(live.get(token)).map(a -> new SessionPrincipal(a, Instant.EPOCH));
  };

  @Test
  void P6_answersAreReusedForTheTtl_soARevocationIsSeenWithinIt() {
    CachedSessions cached = new CachedSessions(identity, Duration.ofSeconds(5), 100, clock, new SimpleMeterRegistry());
    live.put("t1", "projects/p/accounts/a");
    for (int i = 0; i < 10; i++) {
      assertThat(cached.validate("t1")).map(SessionPrincipal::account).contains("projects/p/accounts/a");
    }
    assertThat(calls).hasValue(1);
    live.remove("t1");
    clock.advance(Duration.ofSeconds(4));
    assertThat(cached.validate("t1")).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cached.validate("t1")).isEmpty();
    assertThat(calls).hasValue(2);
  }

  @Test
  void P6_deadTokensAreCachedToo_butFailuresNever() {
    CachedSessions cached = new CachedSessions(identity, Duration.ofSeconds(5), 100, clock, new SimpleMeterRegistry());
    cached.validate("bad");
    cached.validate("bad");
    assertThat(calls).hasValue(1);
    reachable = false;
    assertThatThrownBy(() -> cached.validate("t2")).isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> cached.validate("t2")).isInstanceOf(DomainException.class);
    assertThat(calls).as("a failure is asked again, not remembered").hasValue(3);
    assertThat(cached.validate("bad")).isEmpty();
  }

  @Test
  void P6_theCacheStaysBounded() {
    CachedSessions cached = new CachedSessions(identity, Duration.ofSeconds(5), 10, clock, new SimpleMeterRegistry());
    for (int i = 0; i < 100; i++) {
      cached.validate("t" + i);
    }
    assertThat(cached.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void zeroTtl_asksIdentityEveryTime() {
    CachedSessions cached = new CachedSessions(identity, Duration.ZERO, 100, clock, new SimpleMeterRegistry());
    cached.validate("t");
    cached.validate("t");
    assertThat(calls).hasValue(2);
  }
}
