package org.custody.platform.db;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code mariadbd} on a data directory, and the watchdog that stops it when the
 * process that started it dies by any means. Its console goes to a log file beside the data
 * directory rather than through a pipe, so the server never depends on this JVM being alive.
 */
final class MariaDbProcess {
  private static final Logger log = LoggerFactory.getLogger(MariaDbProcess.class);
  private static final long START_TIMEOUT_MS = 90_000;
  private static final long STOP_TIMEOUT_MS = 60_000;
  private static final String READY = ": ready for connections.";

  private final Process server;
  private final Process watchdog;
  private final int port;

  private MariaDbProcess(Process server, Process watchdog, int port) {
    this.server = server;
    this.watchdog = watchdog;
    this.port = port;
  }

  /**
   * Starts the server and waits until it accepts connections.
   *
   * @param port a fixed port, or 0 for a free one (retried if another process takes it first)
   * @param initFile SQL the server runs at start with full privileges (the admin account)
   */
  static MariaDbProcess start(MariaDbInstallation installation, Path dataDir, int port, Path initFile) {
    for (int attempt = 1; ; attempt++) {
      int chosen = port == 0 ? freePort() : port;
      try {
        return startOn(installation, dataDir, chosen, initFile);
      } catch (PortTakenException e) {
        if (port != 0 || attempt == 3) {
          throw new IllegalStateException("the embedded MariaDB cannot listen on port " + chosen + ": it is taken");
        }
      }
    }
  }

  private static MariaDbProcess startOn(MariaDbInstallation installation, Path dataDir, int port, Path initFile) {
    Path console = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    Path tmp = dataDir.resolveSibling(dataDir.getFileName() + "-tmp");
    try {
      Files.createDirectories(tmp);
      long logStart = Files.exists(console) ? Files.size(console) : 0;
      List<String> command = new ArrayList<>(List.of(installation.server().toString(),
          "--no-defaults",  // must come first: no my.cnf of the machine applies
          "--console",
          "--basedir=" + installation.baseDirectory(),
          "--datadir=" + dataDir,
          "--tmpdir=" + tmp,
          "--port=" + port,
          // A socket path must stay under ~100 bytes, which a deep CUSTODY_HOME would exceed.
          "--socket=" + Path.of(System.getProperty("java.io.tmpdir"), "custody-mariadb-" + port + ".sock"),
          "--pid-file=" + dataDir.resolve("mariadbd.pid"),
          // Only this machine's services connect; nothing else should even see the port.
          "--bind-address=127.0.0.1",
          // MariaDB 11.4 otherwise generates a self-signed certificate at every start: 8-20 s of
          // CPU on two cores, for TLS nobody can verify on loopback.
          "--skip-ssl",
          "--skip-name-resolve",
          "--character-set-server=utf8mb4",
          "--collation-server=utf8mb4_bin",
          "--max-connections=1000",
          "--max-allowed-packet=64M",
          "--innodb-flush-log-at-trx-commit=1",
          "--init-file=" + initFile));
      if ("root".equals(System.getProperty("user.name"))) {
        command.add("--user=root");  // mariadbd refuses to run as root unless told to
      }
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(installation.baseDirectory().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put("LD_LIBRARY_PATH", installation.libraries().toString());
      Process server = builder.start();
      awaitReady(server, console, logStart, port);
      return new MariaDbProcess(server, startWatchdog(server.pid(), dataDir), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded MariaDB", e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return server.pid();
  }

  /** Stops the server cleanly (SIGTERM: InnoDB flushes), forcibly only if it does not stop. */
  void stop() {
    if (watchdog != null) {
      watchdog.destroyForcibly();
    }
    stopProcess(server.toHandle());
  }

  /**
   * Stops a server an earlier process left running on this data directory (that process was
   * killed before it could stop it, and its watchdog was killed too). Only a {@code mariadbd}
   * whose command line names exactly this data directory is touched, never a stranger.
   */
  static void stopLeftOver(Path dataDir) {
    String argument = "--datadir=" + dataDir;
    ProcessHandle.allProcesses()
        .filter(process -> process.pid() != ProcessHandle.current().pid())
        .filter(process -> commandLine(process.pid()).map(args -> args.contains(argument) && isServer(args)).orElse(false))
        .forEach(process -> {
          log.warn("stopping a MariaDB server left running on this data directory by an earlier process pid={}", process.pid());
          stopProcess(process);
        });
  }

  private static boolean isServer(List<String> args) {
    return !args.isEmpty() && args.get(0).endsWith("mariadbd");
  }

  private static Optional<List<String>> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return Optional.of(List.of(new String(raw, StandardCharsets.UTF_8).split("\0")));
    } catch (IOException | SecurityException e) {
      return Optional.empty();  // gone, or not ours to read
    }
  }

  private static void stopProcess(ProcessHandle process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      process.onExit().get(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      log.warn("the embedded MariaDB did not stop within {} s; killing it pid={}", STOP_TIMEOUT_MS / 1000, process.pid());
      process.destroyForcibly();
      process.onExit().join();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * A shell that waits for end-of-file on its standard input, which this JVM holds open: when the
   * JVM dies (kill -9 included) the pipe closes and the shell stops the server, after checking
   * that the pid still belongs to a server on this data directory. Without it a killed launcher
   * left mariadbd running, and the next start failed on its locks.
   */
  private static Process startWatchdog(long serverPid, Path dataDir) {
    String script = "read -r _; "
        + "if tr '\\0' '\\n' < /proc/$1/cmdline 2>/dev/null | grep -qxF -- \"$2\"; then kill -TERM $1; fi";
    try {
      return new ProcessBuilder("/bin/sh", "-c", script, "custody-mariadb-watchdog", Long.toString(serverPid), "--datadir=" + dataDir)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      log.warn("no watchdog for the embedded MariaDB (a server left by a killed process is stopped at the next start): {}",
          e.getClass().getSimpleName());
      return null;
    }
  }

  private static void awaitReady(Process server, Path console, long from, int port) throws IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      String output = readFrom(console, from);
      if (output.contains(READY)) {
        return;
      }
      if (!server.isAlive()) {
        if (output.contains("Bind on TCP/IP port") || output.contains("Address already in use")) {
          throw new PortTakenException();
        }
        throw new IllegalStateException("the embedded MariaDB exited with code " + server.exitValue() + " on port " + port
            + ":\n" + lastLines(output, 15));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.destroyForcibly();
        throw new IllegalStateException("interrupted while the embedded MariaDB started", e);
      }
    }
    server.destroyForcibly();
    throw new IllegalStateException("the embedded MariaDB was not ready within " + START_TIMEOUT_MS / 1000 + " s (see " + console + ")");
  }

  private static String readFrom(Path file, long offset) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length() - offset;
      if (length <= 0) {
        return "";
      }
      byte[] bytes = new byte[(int) Math.min(length, 1 << 20)];
      in.seek(offset);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static String lastLines(String output, int count) {
    String[] lines = output.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - count), lines.length));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chosen port was taken between choosing and binding. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException() {
      super(null, null, false, false);
    }
  }
}
