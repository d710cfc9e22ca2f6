package org.custody.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.custody.platform.access.AuthSettings;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;

/**
 * The settings every service reads the same way.
 *
 * @param database empty when no CUSTODY_DB_URL is set: the embedded default is used
 * @param home where local state lives (embedded database, generated secrets): CUSTODY_HOME
 */
public record CommonConfig(ServerSettings server, AuthSettings auth, Optional<DatabaseSettings> database, Path home) {

  /**
   * Reads the server settings, the auth settings, and CUSTODY_DB_URL, CUSTODY_DB_USER,
   * CUSTODY_DB_PASSWORD, CUSTODY_DB_POOL_SIZE, CUSTODY_DB_CONNECT_TIMEOUT, CUSTODY_HOME.
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
    return new CommonConfig(server, auth, database, home);
  }
}
