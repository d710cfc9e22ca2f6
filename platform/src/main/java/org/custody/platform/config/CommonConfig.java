package org.custody.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.custody.platform.access.AuthSettings;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.session.SessionCheckSettings;
import org.custody.platform.staffaccess.StaffAccessSettings;

/**
 * The settings every service reads the same way.
 *
 * @param database empty when no CUSTODY_DB_URL is set: the embedded default is used
 * @param home where local state lives (embedded database, generated secrets): CUSTODY_HOME
 * @param sessions where a leaf checks the sessions of calls made for a signed-in person (unused
 *     by identity, which holds them)
 * @param staffAccess where a leaf records staff reads of one subject's data (disclosure's
 *     address; unused by services whose policy marks no {@code staff_access:} method)
 */
public record CommonConfig(ServerSettings server, AuthSettings auth, Optional<DatabaseSettings> database, Path home,
    SessionCheckSettings sessions, StaffAccessSettings staffAccess) {

  /** With the default session and staff access settings (identity on localhost:7001, disclosure on localhost:7004). */
  public CommonConfig(ServerSettings server, AuthSettings auth, Optional<DatabaseSettings> database, Path home) {
    this(server, auth, database, home, SessionCheckSettings.defaults(), StaffAccessSettings.defaults());
  }

  /** The same, checking sessions with the identity at {@code identityTarget}. */
  public CommonConfig withIdentity(String identityTarget) {
    return new CommonConfig(server, auth, database, home,
        new SessionCheckSettings(identityTarget, sessions.cacheTtl(), sessions.callTimeout()), staffAccess);
  }

  /** The same, recording staff reads with the disclosure service at {@code disclosureTarget}. */
  public CommonConfig withDisclosure(String disclosureTarget) {
    return new CommonConfig(server, auth, database, home, sessions, staffAccess.withTarget(disclosureTarget));
  }

  /**
   * Reads the server settings, the auth settings, and CUSTODY_DB_URL, CUSTODY_DB_USER,
   * CUSTODY_DB_PASSWORD, CUSTODY_DB_POOL_SIZE, CUSTODY_DB_CONNECT_TIMEOUT, CUSTODY_HOME, and the
   * session settings (CUSTODY_IDENTITY_TARGET, CUSTODY_SESSION_CACHE_TTL, CUSTODY_IDENTITY_CALL_TIMEOUT) and the
   * staff access settings (CUSTODY_DISCLOSURE_TARGET, CUSTODY_STAFF_ACCESS_CALL_TIMEOUT).
   */
  public static CommonConfig from(EnvReader env, int defaultGrpcPort, int defaultMetricsPort) {
    ServerSettings server = ServerSettings.from(env, defaultGrpcPort, defaultMetricsPort);
    AuthSettings auth = AuthSettings.from(env);
    int poolSize = env.integer("CUSTODY_DB_POOL_SIZE", 16, 1, 500);
    Duration connectTimeout = env.duration("CUSTODY_DB_CONNECT_TIMEOUT", Duration.ofSeconds(3), Duration.ofMillis(250), Duration.ofMinutes(1));
    String url = env.string("CUSTODY_DB_URL", null);
    Optional<DatabaseSettings> database = Optional.empty();
    if (url != null) {
      if (!url.startsWith("jdbc:mysql://") && !url.startsWith("jdbc:mariadb://")) {
        env.problem("CUSTODY_DB_URL must be a jdbc:mysql:// URL");
      } else {
        database = Optional.of(new DatabaseSettings(url, env.string("CUSTODY_DB_USER", "root"),
            env.string("CUSTODY_DB_PASSWORD", ""), poolSize, connectTimeout));
      }
    }
    Path home = env.path("CUSTODY_HOME", Path.of(".custody"));
    return new CommonConfig(server, auth, database, home, SessionCheckSettings.from(env), StaffAccessSettings.from(env));
  }
}
