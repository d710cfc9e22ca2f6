package org.custody.analytics.app;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.custody.analytics.ingest.IngestionWindow;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.survey.RespondentPseudonyms;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;

/**
 * The analytics service's configuration, read once at start.
 *
 * @param dailyEpsilon each project's privacy budget per UTC day (CUSTODY_PRIVACY_BUDGET_PER_DAY, default 10)
 * @param kThreshold the small-count threshold (CUSTODY_ANALYTICS_K_THRESHOLD, default 10, never below 5)
 * @param maxViewAge how old a view's timestamp may be (CUSTODY_ANALYTICS_MAX_VIEW_AGE, default and
 *     most 24h: older views' salts may be gone)
 * @param maxClockSkew how far in the future a view's timestamp may be (CUSTODY_ANALYTICS_MAX_CLOCK_SKEW, default 5m)
 * @param compactionInterval how often acknowledged batches are folded into the day aggregates
 *     (CUSTODY_ANALYTICS_COMPACTION_INTERVAL, default 1s; queries fold pending batches first anyway)
 * @param saltSweepInterval how often salts older than yesterday are destroyed (CUSTODY_ANALYTICS_SALT_SWEEP_INTERVAL, default 5m)
 * @param spanSealInterval how often closed days are rolled up into sealed spans for long-range
 *     totals (CUSTODY_ANALYTICS_SPAN_SEAL_INTERVAL, default 10m; a day closes about 49 hours after it began)
 * @param pseudonymKey the survey-respondent pseudonym key (CUSTODY_ANALYTICS_PSEUDONYM_KEY, base64 of
 *     32+ bytes); when empty, a key generated once under CUSTODY_HOME/analytics/ is used
 */
public record AnalyticsConfig(CommonConfig common, double dailyEpsilon, int kThreshold, Duration maxViewAge,
    Duration maxClockSkew, Duration compactionInterval, Duration saltSweepInterval, Duration spanSealInterval, Optional<byte[]> pseudonymKey) {

  public static final int DEFAULT_GRPC_PORT = 7003;
  public static final int DEFAULT_METRICS_PORT = 9403;
  public static final double DEFAULT_DAILY_EPSILON = 10;
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_SALT_SWEEP_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_SPAN_SEAL_INTERVAL = Duration.ofMinutes(10);

  public AnalyticsConfig {
    new KThreshold(kThreshold); // fails below the floor
    if (!(dailyEpsilon > 0)) {
      throw new IllegalArgumentException("dailyEpsilon must be positive");
    }
    pseudonymKey.ifPresent(key -> {
      if (key.length < RespondentPseudonyms.MIN_KEY_BYTES) {
        throw new IllegalArgumentException("the pseudonym key must be at least 32 bytes");
      }
    });
  }

  /** Defaults for everything but the common settings and the budget. */
  public AnalyticsConfig(CommonConfig common, double dailyEpsilon) {
    this(common, dailyEpsilon, KThreshold.DEFAULT, IngestionWindow.LONGEST_MAX_AGE, DEFAULT_MAX_CLOCK_SKEW,
        DEFAULT_COMPACTION_INTERVAL, DEFAULT_SALT_SWEEP_INTERVAL, DEFAULT_SPAN_SEAL_INTERVAL, Optional.empty());
  }

  /** Reads and validates; throws ConfigException listing every problem. */
  public static AnalyticsConfig from(EnvReader env) {
    CommonConfig common = CommonConfig.from(env, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT);
    double dailyEpsilon = env.decimal("CUSTODY_PRIVACY_BUDGET_PER_DAY", DEFAULT_DAILY_EPSILON, 0.01, 1000);
    int k = env.integer("CUSTODY_ANALYTICS_K_THRESHOLD", KThreshold.DEFAULT, KThreshold.MINIMUM, 100_000);
    Duration maxAge = env.duration("CUSTODY_ANALYTICS_MAX_VIEW_AGE", IngestionWindow.LONGEST_MAX_AGE,
        Duration.ofMinutes(1), IngestionWindow.LONGEST_MAX_AGE);
    Duration skew = env.duration("CUSTODY_ANALYTICS_MAX_CLOCK_SKEW", DEFAULT_MAX_CLOCK_SKEW, Duration.ZERO, Duration.ofHours(1));
    Duration compaction = env.duration("CUSTODY_ANALYTICS_COMPACTION_INTERVAL", DEFAULT_COMPACTION_INTERVAL,
        Duration.ofMillis(100), Duration.ofHours(1));
    Duration sweep = env.duration("CUSTODY_ANALYTICS_SALT_SWEEP_INTERVAL", DEFAULT_SALT_SWEEP_INTERVAL,
        Duration.ofSeconds(1), Duration.ofHours(1));
    Duration seal = env.duration("CUSTODY_ANALYTICS_SPAN_SEAL_INTERVAL", DEFAULT_SPAN_SEAL_INTERVAL,
        Duration.ofSeconds(1), Duration.ofHours(24));
    Optional<byte[]> key = Optional.empty();
    String encodedKey = env.string("CUSTODY_ANALYTICS_PSEUDONYM_KEY", null);
    if (encodedKey != null) {
      try {
        byte[] decoded = Base64.getDecoder().decode(encodedKey);
        if (decoded.length < RespondentPseudonyms.MIN_KEY_BYTES) {
          env.problem("CUSTODY_ANALYTICS_PSEUDONYM_KEY must be base64 of at least 32 bytes");
        } else {
          key = Optional.of(decoded);
        }
      } catch (IllegalArgumentException e) {
        env.problem("CUSTODY_ANALYTICS_PSEUDONYM_KEY must be base64 of at least 32 bytes");
      }
    }
    env.finish();
    return new AnalyticsConfig(common, dailyEpsilon, k, maxAge, skew, compaction, sweep, seal, key);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "AnalyticsConfig[dailyEpsilon=" + dailyEpsilon + ", kThreshold=" + kThreshold + ", maxViewAge=" + maxViewAge
        + ", maxClockSkew=" + maxClockSkew + ", compactionInterval=" + compactionInterval
        + ", saltSweepInterval=" + saltSweepInterval + ", spanSealInterval=" + spanSealInterval + ", pseudonymKey=" + (pseudonymKey.isPresent() ? "set" : "from home") + "]";
  }
}
