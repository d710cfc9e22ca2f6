package org.custody.identity.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The identity domain's meters, as the operators' dashboards expect them: every tag has a fixed,
 * small set of values and none carries personal data.
 */
public final class MicrometerIdentityMetrics implements IdentityMetrics {
  private final EnumMap<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);
  private final EnumMap<SessionEnd, Counter> ended = new EnumMap<>(SessionEnd.class);

  public MicrometerIdentityMetrics(MeterRegistry registry) {
    for (LoginOutcome outcome : LoginOutcome.values()) {
      logins.put(outcome, Counter.builder("custody_identity_logins")
          .description("Login attempts by outcome: success, failure (wrong e-mail, password or second factor), locked (refused by throttling), second_factor_required (right password, challenge issued)")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
    for (SessionEnd reason : SessionEnd.values()) {
      ended.put(reason, Counter.builder("custody_identity_sessions_ended")
          .description("Sessions ended, by reason: expired (idle or absolute timeout), revoked, logout")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
  }

  /**
   * Registers the live-session gauge. Counting asks the database, so a value is reused for a few
   * seconds; every instance reports the same (database-wide) number, so dashboards take max().
   */
  public static void registerActiveSessions(MeterRegistry registry, LongSupplier count, Clock clock) {
    Gauge.builder("custody_identity_sessions_active", new MemoizedCount(count, clock, Duration.ofSeconds(5)), MemoizedCount::value)
        .description("Live sessions (not ended, not expired) in the identity database")
        .register(registry);
  }

  @Override
  public void login(LoginOutcome outcome) {
    logins.get(outcome).increment();
  }

  @Override
  public void sessionsEnded(SessionEnd reason, int count) {
    if (count > 0) {
      ended.get(reason).increment(count);
    }
  }

  private static final class MemoizedCount {
    private final LongSupplier count;
    private final Clock clock;
    private final Duration maxAge;
    private Instant readAt = Instant.MIN;
    private double value = Double.NaN;

    MemoizedCount(LongSupplier count, Clock clock, Duration maxAge) {
      this.count = count;
      this.clock = clock;
      this.maxAge = maxAge;
    }

    synchronized double value() {
      Instant now = Instant.now(clock);
      if (readAt.equals(Instant.MIN) || !now.isBefore(readAt.plus(maxAge)) || now.isBefore(readAt)) {
        try {
          value = count.getAsLong();
        } catch (RuntimeException e) {
          value = Double.NaN; // database down: no number rather than a stale one
        }
        readAt = now;
      }
      return value;
    }
  }
}
