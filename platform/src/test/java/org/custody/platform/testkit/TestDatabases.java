package org.custody.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.custody.platform.db.DatabaseProvisioner;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.EmbeddedMariaDb;

/**
 * Where tests get their databases: the MySQL/MariaDB server named by {@code CUSTODY_TEST_DB_URL}
 * (CI points it at the server on 127.0.0.1:3306; credentials from {@code CUSTODY_TEST_DB_USER}
 * and {@code CUSTODY_TEST_DB_PASSWORD}, default root and empty), or else one embedded MariaDB
 * started once per test JVM. Every test class gets a fresh database of its own.
 */
public final class TestDatabases {
  private static final SecureRandom random = new SecureRandom();
  private static DatabaseSettings admin;

  private TestDatabases() {}

  /** Administrative settings of the test server (starting the embedded one on first use). */
  public static synchronized DatabaseSettings admin() {
    if (admin == null) {
      admin = configuredServer();
      if (admin == null) {
        admin = startEmbedded();
      }
    }
    return admin;
  }

  /** Whether tests run against a configured server rather than the embedded one. */
  public static boolean usesConfiguredServer() {
    return configuredServer() != null;
  }

  /** Creates an empty database and returns settings for it (as the admin user). */
  public static DatabaseSettings fresh(String purpose) {
    String prefix = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String name = "t_" + prefix.substring(0, Math.min(20, prefix.length())) + "_" + HexFormat.of().formatHex(randomBytes());
    DatabaseSettings settings = admin();
    DatabaseProvisioner.createDatabase(settings, name);
    return settings.withDatabase(name).withPoolSize(8);
  }

  public static void drop(DatabaseSettings settings) {
    DatabaseProvisioner.drop(admin(), org.custody.platform.db.JdbcUrls.database(settings.jdbcUrl()));
  }

  private static DatabaseSettings configuredServer() {
    String url = setting("custody.test.db.url", "CUSTODY_TEST_DB_URL");
    if (url == null) {
      return null;
    }
    String user = setting("custody.test.db.user", "CUSTODY_TEST_DB_USER");
    String password = setting("custody.test.db.password", "CUSTODY_TEST_DB_PASSWORD");
    return new DatabaseSettings(url, user == null ? "root" : user, password == null ? "" : password, 8, Duration.ofSeconds(5));
  }

  private static String setting(String property, String env) {
    String value = System.getProperty(property);
    // Maven passes "${env.X}" through literally when X is unset.
    if (value == null || value.isBlank() || value.startsWith("${")) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static DatabaseSettings startEmbedded() {
    try {
      Path dir = Files.createTempDirectory("custody-test-mariadb");
      EmbeddedMariaDb server = EmbeddedMariaDb.start(dir.resolve("data"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.stop();
        } finally {
          deleteRecursively(dir);
        }
      }, "test-mariadb-stop"));
      return server.adminSettings().withPoolSize(8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[5];
    random.nextBytes(bytes);
    return bytes;
  }
}
