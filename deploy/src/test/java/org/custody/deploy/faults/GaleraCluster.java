package org.custody.deploy.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.custody.platform.db.DatabaseSettings;

/**
 * A three-node MariaDB Galera cluster on loopback ports, from the Debian packages
 * {@code mariadb-server} and {@code galera-4} (not the embedded MariaDB, which has no Galera
 * library), with its data under a directory of the test's: private servers, never the machine's
 * own. State transfers use rsync, whose daemon drops root privileges to {@code nobody}: the data
 * directories are therefore made writable by everyone (test data only).
 */
final class GaleraCluster implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");
  private static final Path RSYNC = Path.of("/usr/bin/rsync");
  private static final List<Path> PROVIDERS = List.of(Path.of("/usr/lib/libgalera_smm.so"), Path.of("/usr/lib/galera/libgalera_smm.so"));

  private final Path dir;
  private final int[] ports = new int[3];
  private final int[] groupPorts = new int[3];
  private final Process[] nodes = new Process[3];

  private GaleraCluster(Path dir) {
    this.dir = dir;
  }

  /** Whether the packages are installed. */
  static boolean available() {
    return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL) && Files.isExecutable(RSYNC) && provider() != null;
  }

  private static Path provider() {
    return PROVIDERS.stream().filter(Files::exists).findFirst().orElse(null);
  }

  static GaleraCluster start(Path dir) throws Exception {
    GaleraCluster cluster = new GaleraCluster(dir);
    try {
      for (int i = 0; i < 3; i++) {
        cluster.ports[i] = freePort();
        cluster.groupPorts[i] = freePort();
        cluster.install(i);
      }
      for (int i = 0; i < 3; i++) {
        cluster.startNode(i, i == 0);
        cluster.awaitSynced(i, i + 1, Duration.ofSeconds(120));
      }
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** Administrative settings for node {@code i} (root over TCP, no password: a private test server). */
  DatabaseSettings admin(int i) {
    return new DatabaseSettings("jdbc:mysql://127.0.0.1:" + ports[i] + "/", "root", "", 4, Duration.ofSeconds(5));
  }

  /** SIGKILL of node {@code i}. */
  void kill(int i) throws InterruptedException {
    nodes[i].destroyForcibly();
    nodes[i].waitFor();
  }

  /** The cluster size node {@code i} sees. */
  int clusterSize(int i) throws SQLException {
    return Integer.parseInt(status(i, "wsrep_cluster_size"));
  }

  /**
   * Conflicts the live nodes resolved so far: transactions that failed certification at commit
   * ({@code wsrep_local_cert_failures}) and local ones aborted by a replicated write
   * ({@code wsrep_local_bf_aborts}). Either reaches its client as error 1213.
   */
  long certificationConflicts() throws SQLException {
    long conflicts = 0;
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null && nodes[i].isAlive()) {
        conflicts += Long.parseLong(status(i, "wsrep_local_cert_failures")) + Long.parseLong(status(i, "wsrep_local_bf_aborts"));
      }
    }
    return conflicts;
  }

  private void install(int i) throws Exception {
    Path data = data(i);
    run(List.of(INSTALL.toString(), "--no-defaults", "--datadir=" + data, "--user=" + System.getProperty("user.name"),
        "--auth-root-authentication-method=normal"), dir.resolve("install-" + i + ".log"));
    try (Stream<Path> files = Files.walk(data)) {
      for (Path p : files.collect(Collectors.toList())) {
        p.toFile().setReadable(true, false);
        p.toFile().setWritable(true, false);
        if (Files.isDirectory(p)) {
          p.toFile().setExecutable(true, false);
        }
      }
    }
    dir.toFile().setExecutable(true, false);
    dir.toFile().setReadable(true, false);
  }

  private void startNode(int i, boolean bootstrap) throws IOException {
    int ist = freePort();
    int sst = freePort();
    String members = "gcomm://" + Stream.of(0, 1, 2).map(n -> "127.0.0.1:" + groupPorts[n]).collect(Collectors.joining(","));
    List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults",
        "--datadir=" + data(i), "--port=" + ports[i], "--bind-address=127.0.0.1",
        "--socket=" + dir.resolve("n" + i + ".sock"), "--pid-file=" + dir.resolve("n" + i + ".pid"),
        "--skip-name-resolve", "--skip-ssl", "--binlog-format=ROW", "--default-storage-engine=InnoDB",
        "--innodb-autoinc-lock-mode=2", "--innodb-flush-log-at-trx-commit=1", "--max-connections=500",
        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin",
        "--wsrep-on=ON", "--wsrep-provider=" + provider(), "--wsrep-cluster-name=custody-test",
        "--wsrep-node-name=n" + i, "--wsrep-node-address=127.0.0.1:" + groupPorts[i], "--wsrep-cluster-address=" + members,
        "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + groupPorts[i] + ";ist.recv_addr=127.0.0.1:" + ist,
        "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=127.0.0.1:" + sst));
    if ("root".equals(System.getProperty("user.name"))) {
      command.add("--user=root");
    }
    if (bootstrap) {
      command.add("--wsrep-new-cluster");
    }
    nodes[i] = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("n" + i + ".log").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
  }

  private void awaitSynced(int i, int size, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!nodes[i].isAlive()) {
        throw new IllegalStateException("Galera node " + i + " exited:\n" + tail(i));
      }
      try {
        if ("Synced".equals(status(i, "wsrep_local_state_comment")) && clusterSize(i) >= size) {
          return;
        }
      } catch (SQLException notYet) {
        // starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Galera node " + i + " not synced within " + timeout + ":\n" + tail(i));
  }

  private String status(int i, String variable) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + ports[i] + "/?connectTimeout=2000&socketTimeout=5000",
        "root", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW STATUS LIKE '" + variable + "'")) {
      return rs.next() ? rs.getString(2) : "";
    }
  }

  private String tail(int i) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("n" + i + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private Path data(int i) {
    return dir.resolve("n" + i);
  }

  private static void run(List<String> command, Path log) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Process node : nodes) {
      if (node != null && node.isAlive()) {
        node.destroy();
      }
    }
    for (Process node : nodes) {
      if (node != null) {
        try {
          if (!node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            node.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          node.destroyForcibly();
        }
      }
    }
  }
}
