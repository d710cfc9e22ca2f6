package org.custody.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.custody.platform.config.EnvReader;
import org.custody.platform.db.DatabaseSettings;

/**
 * How the suite is launched.
 *
 * @param home local state: embedded database, generated secrets, the callers' token file (CUSTODY_HOME, default ./.custody)
 * @param adminDatabase a MySQL/MariaDB server to use instead of the embedded one (CUSTODY_DB_URL with CUSTODY_DB_USER/PASSWORD)
 * @param grpcPorts per service (CUSTODY_<SERVICE>_GRPC_PORT; defaults 7001-7004; 0 = any free port)
 * @param metricsPorts per service (CUSTODY_<SERVICE>_METRICS_PORT; defaults 9401-9404)
 * @param serviceEnvironment the environment each service reads its own settings from
 * @param databasePrefix database and DB user names are this plus the service name
 * @param serviceOverrides per service, settings applied over everything else (e.g. its own TLS certificate, or CUSTODY_DB_URL:
 *     its database through another server of the same cluster, such as another Galera node)
 */
public record SuiteOptions(
    Path home,
    String databasePrefix,
    Optional<DatabaseSettings> adminDatabase,
    Map<String, Integer> grpcPorts,
    Map<String, Integer> metricsPorts,
    Map<String, String> serviceEnvironment,
    Map<String, Map<String, String>> serviceOverrides) {

  public static final String[] SERVICES = {"identity", "billing", "analytics", "disclosure"};

  public static SuiteOptions from(Map<String, String> environment) {
    EnvReader env = new EnvReader(environment);
    Path home = env.path("CUSTODY_HOME", Path.of(".custody"));
    String url = env.string("CUSTODY_DB_URL", null);
    Optional<DatabaseSettings> admin = url == null ? Optional.empty()
        : Optional.of(new DatabaseSettings(url, env.string("CUSTODY_DB_USER", "root"), env.string("CUSTODY_DB_PASSWORD", ""), 4,
            java.time.Duration.ofSeconds(5)));
    Map<String, Integer> grpc = new java.util.LinkedHashMap<>();
    Map<String, Integer> metrics = new java.util.LinkedHashMap<>();
    for (int i = 0; i < SERVICES.length; i++) {
      String key = SERVICES[i].toUpperCase(java.util.Locale.ROOT);
      grpc.put(SERVICES[i], env.integer("CUSTODY_" + key + "_GRPC_PORT", 7001 + i, 0, 65535));
      metrics.put(SERVICES[i], env.integer("CUSTODY_" + key + "_METRICS_PORT", 9401 + i, 0, 65535));
    }
    env.finish();
    return new SuiteOptions(home, "custody_", admin, grpc, metrics, environment, Map.of());
  }

  /** Options for tests: free ports, the given database server, fresh databases, state under {@code home}. */
  public static SuiteOptions forTests(Path home, DatabaseSettings admin) {
    Map<String, Integer> zero = new java.util.LinkedHashMap<>();
    for (String s : SERVICES) {
      zero.put(s, 0);
    }
    String prefix = "t_suite_" + Long.toHexString(new java.security.SecureRandom().nextLong() & 0xffffffL) + "_";
    return new SuiteOptions(home, prefix, Optional.of(admin), zero, zero, Map.of(
        "CUSTODY_DRAIN_DELAY", "0s", "CUSTODY_SHUTDOWN_GRACE", "2s", "CUSTODY_HEALTH_PROBE_INTERVAL", "200ms"), Map.of());
  }

  /** The same options with per-service settings applied last. */
  public SuiteOptions withServiceOverrides(Map<String, Map<String, String>> overrides) {
    return new SuiteOptions(home, databasePrefix, adminDatabase, grpcPorts, metricsPorts, serviceEnvironment, overrides);
  }
}
