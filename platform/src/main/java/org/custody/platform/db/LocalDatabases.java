package org.custody.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded default: one MariaDB under {@code <home>/mariadb} holding one database and one
 * DB user per service ({@code custody_<service>}), with each generated password kept in
 * {@code <home>/secrets/} so the data stays usable across restarts.
 */
public final class LocalDatabases implements AutoCloseable {
  private final Path home;
  private final EmbeddedMariaDb server;

  private LocalDatabases(Path home, EmbeddedMariaDb server) {
    this.home = home;
    this.server = server;
  }

  public static LocalDatabases start(Path home, int port) {
    return new LocalDatabases(home, EmbeddedMariaDb.start(home.resolve("mariadb"), port));
  }

  /** Creates (or re-grants) the service's database and user; returns its settings. */
  public DatabaseSettings provision(String service, int poolSize) {
    String name = "custody_" + service;
    return DatabaseProvisioner.provision(server.adminSettings(), name, name, secret("db-" + service + ".password"))
        .withPoolSize(poolSize);
  }

  public EmbeddedMariaDb server() {
    return server;
  }

  /** Reads a generated secret from {@code <home>/secrets}, creating it (mode 0600) on first use. */
  public String secret(String fileName) {
    return secrets(home).read(fileName);
  }

  public static SecretFiles secrets(Path home) {
    return new SecretFiles(home.resolve("secrets"));
  }

  @Override
  public void close() {
    server.close();
  }

  /** Generated secrets kept as owner-only files. */
  public static final class SecretFiles {
    private static final SecureRandom random = new SecureRandom();
    private final Path directory;

    SecretFiles(Path directory) {
      this.directory = directory;
    }

    public synchronized String read(String fileName) {
      Path file = directory.resolve(fileName);
      try {
        if (Files.exists(file)) {
          return Files.readString(file).trim();
        }
        Files.createDirectories(directory);
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, secret + "\n");
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // Not a POSIX file system; the directory's own permissions apply.
        }
        return secret;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
