package org.custody.analytics.testing;

import io.grpc.ClientInterceptor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.custody.analytics.app.AnalyticsApplication;
import org.custody.analytics.app.AnalyticsConfig;
import org.custody.analytics.ingest.IngestionWindow;
import org.custody.analytics.privacy.KThreshold;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;

/** Analytics servers for integration tests: real port, test callers, a fixed pseudonym key. */
public final class AnalyticsTestServer {
  /** The pseudonym key of test servers (32 bytes). */
  public static final byte[] PSEUDONYM_KEY = "analytics-test-pseudonym-key-32b".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The identity test servers check the front end's sessions with (shared by the test JVM). */
  public static final TestSessions SESSIONS = TestSessions.start();
  private static final AccessPolicy POLICY = AccessPolicy.fromResource("/access-policy/analytics.yaml");

  private AnalyticsTestServer() {}

  /** A front end signed in as whoever each request names (a survey's respondent). */
  public static ClientInterceptor signedIn() {
    return SESSIONS.signedInAsSubject(POLICY);
  }

  public static AnalyticsConfig config(DatabaseSettings database, double dailyEpsilon, Duration compactionInterval) {
    return new AnalyticsConfig(
        new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target"))
            .withIdentity(SESSIONS.target()),
        dailyEpsilon, KThreshold.DEFAULT, IngestionWindow.LONGEST_MAX_AGE, Duration.ofMinutes(5), compactionInterval,
        Duration.ofMinutes(5), AnalyticsConfig.DEFAULT_SPAN_SEAL_INTERVAL, Optional.of(PSEUDONYM_KEY));
  }

  public static ServiceHarness start(DatabaseSettings database, Clock clock) {
    return start(config(database, AnalyticsConfig.DEFAULT_DAILY_EPSILON, Duration.ofSeconds(1)), database, clock);
  }

  public static ServiceHarness start(AnalyticsConfig config, DatabaseSettings database, Clock clock) {
    return ServiceHarness.of(AnalyticsApplication.start(config, database, clock));
  }
}
