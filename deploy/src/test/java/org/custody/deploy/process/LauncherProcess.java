package org.custody.deploy.process;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custody.deploy.SuiteOptions;

/**
 * The launcher ({@code org.custody.deploy.app.Launcher}) as a separate operating-system process on
 * this test's classpath, with its own {@code CUSTODY_HOME} and free ports: what a user runs, so
 * that it can be stopped with SIGTERM or killed with -9 from outside.
 */
public final class LauncherProcess implements AutoCloseable {
  private static final String READY = "Custody is running.";

  private final Process process;
  private final Path home;
  private final Path output;

  private LauncherProcess(Process process, Path home, Path output) {
    this.process = process;
    this.home = home;
    this.output = output;
  }

  /**
   * Starts the launcher on the embedded database under {@code home} (no CUSTODY_DB_URL) and
   * returns once it is running.
   */
  public static LauncherProcess startEmbedded(Path home, Map<String, String> extraEnvironment, Duration timeout) {
    LauncherProcess launcher = spawn(home, extraEnvironment);
    launcher.awaitOutput(READY, timeout);
    return launcher;
  }

  /** Starts the launcher without waiting for it (for starts that are expected to fail). */
  public static LauncherProcess spawn(Path home, Map<String, String> extraEnvironment) {
    try {
      Files.createDirectories(home);
      ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
          "org.custody.deploy.app.Launcher", "start");
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("CUSTODY_"));
      env.put("CUSTODY_HOME", home.toString());
      env.put("CUSTODY_DRAIN_DELAY", "0s");
      env.put("CUSTODY_SHUTDOWN_GRACE", "5s");
      // Port 0 everywhere: the launcher binds free ports itself and prints them. Ports probed here
      // and closed again could be handed out twice, or taken by the embedded database meanwhile.
      for (String service : SuiteOptions.SERVICES) {
        String key = service.toUpperCase(Locale.ROOT);
        env.put("CUSTODY_" + key + "_GRPC_PORT", "0");
        env.put("CUSTODY_" + key + "_METRICS_PORT", "0");
      }
      env.putAll(extraEnvironment);
      Path output = Files.createTempFile(home.getParent(), "launcher-", ".out");
      builder.redirectErrorStream(true).redirectOutput(output.toFile());
      return new LauncherProcess(builder.start(), home, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The gRPC port the launcher bound for {@code service}, read from the summary it printed. */
  public int grpcPort(String service) {
    Matcher summaryLine = Pattern.compile("(?m)^\\s+" + Pattern.quote(service) + "\\s+127\\.0\\.0\\.1:(\\d+)\\s")
        .matcher(output());
    if (!summaryLine.find()) {
      throw new IllegalStateException("the launcher has not printed the gRPC port of " + service + ":\n" + output());
    }
    return Integer.parseInt(summaryLine.group(1));
  }

  public long pid() {
    return process.pid();
  }

  /** A caller's bearer token from the token file the launcher wrote. */
  public String token(String caller) {
    Properties tokens = new Properties();
    try (Reader reader = Files.newBufferedReader(home.resolve("callers.tokens"))) {
      tokens.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens.getProperty(caller);
  }

  /** Everything the process printed so far. */
  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the process printed {@code text}; fails early if it exits first. */
  public void awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the launcher exited with " + process.exitValue() + " before printing '" + text
            + "':\n" + output());
      }
      sleep(100);
    }
    throw new IllegalStateException("the launcher did not print '" + text + "' within " + timeout + ":\n" + output());
  }

  /** SIGTERM, as Ctrl-C or an orchestrator would, and waits for the exit code. */
  public int terminate(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  /** SIGKILL: no shutdown hook runs. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the launcher did not exit within " + timeout + ":\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  /** Live processes whose command line holds every one of {@code arguments}. */
  public static List<ProcessHandle> processesWith(String... arguments) {
    return ProcessHandle.allProcesses().filter(p -> {
      try {
        List<String> args = List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
            StandardCharsets.UTF_8).split("\0"));
        return args.containsAll(List.of(arguments));
      } catch (IOException | SecurityException e) {
        return false;
      }
    }).toList();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }


  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
