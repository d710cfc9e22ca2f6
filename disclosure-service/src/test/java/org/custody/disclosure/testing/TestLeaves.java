package org.custody.disclosure.testing;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.custody.analytics.app.AnalyticsApplication;
import org.custody.analytics.app.AnalyticsConfig;
import org.custody.billing.app.BillingApplication;
import org.custody.billing.app.BillingConfig;
import org.custody.identity.app.IdentityApplication;
import org.custody.identity.app.IdentityConfig;
import org.custody.platform.config.EnvReader;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestDatabases;

/**
 * The real leaf services (identity, billing, analytics) started in this JVM on free ports and
 * fresh databases, configured the way the launcher configures them, accepting the test callers.
 */
public final class TestLeaves implements AutoCloseable {
  private final Map<String, ServiceHarness> harnesses = new HashMap<>();
  private final Map<String, DatabaseSettings> databases = new HashMap<>();
  private final Map<String, java.util.function.BiFunction<DatabaseSettings, Integer, ServiceServer>> starters = new HashMap<>();
  /** Settings added to a leaf's environment when it (re)starts: see {@link #restartWith}. */
  private final Map<String, Map<String, String>> extra = new java.util.concurrent.ConcurrentHashMap<>();

  public static TestLeaves start(Clock clock) {
    TestLeaves leaves = new TestLeaves();
    try {
      leaves.start("identity", (db, port) -> IdentityApplication.start(IdentityConfig.from(leaves.env("identity", env(port))), db, clock));
      // Billing and analytics check the front end's sessions with this identity.
      String identity = "127.0.0.1:" + leaves.identity().server().port();
      leaves.start("billing", (db, port) -> BillingApplication.start(BillingConfig.from(leaves.env("billing", env(port, identity))), db, clock));
      leaves.start("analytics", (db, port) -> AnalyticsApplication.start(AnalyticsConfig.from(leaves.env("analytics", env(port, identity))), db, clock));
      return leaves;
    } catch (RuntimeException e) {
      leaves.close();
      throw e;
    }
  }

  private void start(String service, java.util.function.BiFunction<DatabaseSettings, Integer, ServiceServer> starter) {
    DatabaseSettings database = TestDatabases.fresh("leaf" + service);
    databases.put(service, database);
    starters.put(service, starter);
    harnesses.put(service, ServiceHarness.of(starter.apply(database, 0)));
  }

  private static EnvReader env(int port, String identityTarget) {
    return env(port).with(Map.of("CUSTODY_IDENTITY_TARGET", identityTarget,
        // As a client a test leaf presents the disclosure test token, which identity lets validate sessions.
        "CUSTODY_CLIENT_TOKEN", TestCallers.token(TestCallers.DISCLOSURE)));
  }

  private EnvReader env(String service, EnvReader base) {
    return base.with(extra.getOrDefault(service, Map.of()));
  }

  private static EnvReader env(int port) {
    return new EnvReader(Map.of(
        // Staff reads are recorded with a stand-in unless a test points a leaf at the real disclosure.
        "CUSTODY_DISCLOSURE_TARGET", org.custody.platform.testkit.TestStaffAccess.shared().target(),
        "CUSTODY_GRPC_PORT", String.valueOf(port),
        "CUSTODY_METRICS_PORT", "0",
        "CUSTODY_DRAIN_DELAY", "0s",
        "CUSTODY_SHUTDOWN_GRACE", "2s",
        "CUSTODY_HEALTH_PROBE_INTERVAL", "200ms",
        "CUSTODY_HOME", "target/leaves",
        "CUSTODY_CALLER_TOKENS", TestCallers.tokens().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","))));
  }

  public ServiceHarness identity() {
    return harnesses.get("identity");
  }

  public ServiceHarness billing() {
    return harnesses.get("billing");
  }

  public ServiceHarness analytics() {
    return harnesses.get("analytics");
  }

  /** Logs a person in with the real identity: their session token, for {@code x-custody-session}. */
  public String login(String project, String email, String password) {
    return identity().stub(org.custody.proto.identity.v1.SessionServiceGrpc::newBlockingStub, TestCallers.FRONTEND,
        org.custody.platform.access.Purpose.AUTHENTICATION).login(org.custody.proto.identity.v1.LoginRequest.newBuilder()
        .setProject(project).setEmail(email).setPassword(password).build()).getSessionToken();
  }

  /** The disclosure service's settings pointing at these leaves. */
  public Map<String, String> targets() {
    return Map.of(
        "CUSTODY_IDENTITY_TARGET", "127.0.0.1:" + identity().server().port(),
        "CUSTODY_BILLING_TARGET", "127.0.0.1:" + billing().server().port(),
        "CUSTODY_ANALYTICS_TARGET", "127.0.0.1:" + analytics().server().port());
  }

  /** Stops one leaf (its database stays until {@link #close()}). */
  public void stop(String service) {
    ServiceHarness harness = harnesses.remove(service);
    if (harness != null) {
      harness.close();
    }
  }

  /** Starts a stopped leaf again on its same database, listening on {@code port}. */
  public void restart(String service, int port) {
    stop(service);
    harnesses.put(service, ServiceHarness.of(starters.get(service).apply(databases.get(service), port)));
  }

  /**
   * Restarts a leaf on its same database and port with {@code settings} added to its environment,
   * e.g. the real disclosure service as CUSTODY_DISCLOSURE_TARGET and its own client token.
   */
  public void restartWith(String service, Map<String, String> settings) {
    extra.put(service, Map.copyOf(settings));
    restart(service, harnesses.get(service).server().port());
  }

  @Override
  public void close() {
    harnesses.values().forEach(ServiceHarness::close);
    harnesses.clear();
    databases.values().forEach(TestDatabases::drop);
    databases.clear();
  }
}
