package org.custody.disclosure.testing;

import io.grpc.ClientInterceptor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.app.DisclosureApplication;
import org.custody.disclosure.app.DisclosureConfig;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;

/**
 * Starts the disclosure service for tests: free ports, the test callers, quick jobs, and leaves
 * and SMTP pointing nowhere unless the test says where.
 */
public final class DisclosureTestServer {
  /** The identity the front end's sessions are checked with unless a test names a real one. */
  public static final TestSessions SESSIONS = TestSessions.start();
  private static final AccessPolicy POLICY = AccessPolicy.fromResource("/access-policy/disclosure.yaml");

  private DisclosureTestServer() {}

  /** A front end signed in (with {@link #SESSIONS}) as whoever each request names. */
  public static ClientInterceptor signedIn() {
    return SESSIONS.signedInAsSubject(POLICY);
  }

  public static ServiceServer start(DatabaseSettings database, Clock clock, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("CUSTODY_IDENTITY_TARGET", "127.0.0.1:1");
    env.put("CUSTODY_BILLING_TARGET", "127.0.0.1:1");
    env.put("CUSTODY_ANALYTICS_TARGET", "127.0.0.1:1");
    env.put("CUSTODY_LEAF_CALL_TIMEOUT", "5s");
    env.put("CUSTODY_SMTP_HOST", "127.0.0.1");
    env.put("CUSTODY_SMTP_PORT", "1");
    env.put("CUSTODY_SMTP_TIMEOUT", "2s");
    env.put("CUSTODY_MAIL_FROM", "privacy@custody.test");
    env.put("CUSTODY_MAIL_POLL_INTERVAL", "200ms");
    env.put("CUSTODY_MAIL_RETRY_DELAY", "100ms");
    env.put("CUSTODY_TRANSFER_NOTICE_INTERVAL", "200ms");
    env.put("CUSTODY_LEDGER_VERIFY_INTERVAL", "1h");
    env.putAll(overrides);
    // Sessions are checked with the identity a test names (a real one), else with SESSIONS.
    CommonConfig common = new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target"))
        .withIdentity(overrides.getOrDefault("CUSTODY_IDENTITY_TARGET", SESSIONS.target()));
    return DisclosureApplication.start(DisclosureConfig.from(common, new EnvReader(env)), database, clock);
  }
}
