package org.custody.deploy.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.custody.deploy.Suite;
import org.custody.deploy.SuiteOptions;
import org.custody.deploy.cli.OperatorCli;
import org.custody.deploy.demo.Walkthrough;
import org.custody.platform.server.JavaLoggingBridge;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar deploy/target/custody.jar [start]}: the whole suite in one process. */
@Command(name = "custody", mixinStandardHelpOptions = true, version = "Custody 0.1.0",
    description = "Runs the Custody suite: identity, billing, analytics and disclosure.",
    subcommands = {Launcher.Start.class, Launcher.Demo.class})
public final class Launcher implements Callable<Integer> {

  public static void main(String[] args) {
    JavaLoggingBridge.install();
    System.exit(commandLine().execute(args));
  }

  /** The launcher's command line: start, demo, and the operator commands ({@link OperatorCli}). */
  public static CommandLine commandLine() {
    return OperatorCli.addTo(new CommandLine(new Launcher()));
  }

  /** Without a subcommand: start. */
  @Override
  public Integer call() throws Exception {
    return new Start().call();
  }

  @Command(name = "start", description = {
      "Starts all four services and blocks until Ctrl-C.",
      "Uses the MySQL/MariaDB server named by CUSTODY_DB_URL (CUSTODY_DB_USER, CUSTODY_DB_PASSWORD),",
      "or an embedded MariaDB with its data under CUSTODY_HOME (default ./.custody)."})
  static final class Start implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      try {
        RunningSuite running = RunningSuite.start(System.getenv());
        printSummary(running.suite(), running.options());
        running.awaitStop();
        return 0;
      } catch (RunningSuite.Refused e) {
        System.err.println(e.getMessage());
        return e.exitStatus();
      }
    }
  }

  @Command(name = "demo", description = {
      "Starts the suite and walks through the privacy policy clause by clause (P1-P15), printing for each",
      "what was asked, what Custody answered, and why. Exits non-zero if any answer is not what the clause demands."})
  static final class Demo implements Callable<Integer> {
    @picocli.CommandLine.Option(names = "--stay", description = "keep the suite running after the walkthrough (until Ctrl-C)")
    boolean stay;

    @Override
    public Integer call() throws Exception {
      Map<String, String> environment = new HashMap<>(System.getenv());
      // Demo pacing: a corporate transfer waits 5 s after its notices instead of 30 days, and the
      // mail outbox and transfer campaigns are polled often, so the walkthrough takes seconds.
      DEMO_SETTINGS.forEach(environment::putIfAbsent);
      RunningSuite running;
      try {
        running = RunningSuite.start(environment);
      } catch (RunningSuite.Refused e) {
        System.err.println(e.getMessage());
        return e.exitStatus();
      }
      printSummary(running.suite(), running.options());
      List<String> failures = Walkthrough.run(running.suite(), System.out);
      System.out.println("DEMO FINISHED " + (failures.isEmpty() ? "ok" : "with " + failures.size() + " unexpected answers"));
      if (stay) {
        running.awaitStop();
        return 0;
      }
      return failures.isEmpty() ? 0 : 1;
    }
  }

  /** Settings the demo uses unless the environment sets them. */
  public static Map<String, String> demoSettings() {
    return DEMO_SETTINGS;
  }

  private static final Map<String, String> DEMO_SETTINGS = Map.of(
      "CUSTODY_TRANSFER_NOTICE_PERIOD", "5s",
      "CUSTODY_TRANSFER_NOTICE_INTERVAL", "500ms",
      "CUSTODY_MAIL_POLL_INTERVAL", "200ms",
      "CUSTODY_MAIL_RETRY_DELAY", "1s");

  static void printSummary(Suite suite, SuiteOptions options) {
    StringBuilder out = new StringBuilder("\nCustody is running.\n\n");
    out.append(String.format("  %-11s %-18s %-34s %s%n", "service", "gRPC", "metrics", "database"));
    for (String service : suite.services()) {
      String address = suite.bindAddress(service);
      out.append(String.format("  %-11s %-18s %-34s %s%n", service, address + ":" + suite.grpcPort(service),
          "http://" + address + ":" + suite.metricsPort(service) + "/metrics", org.custody.platform.db.JdbcUrls.withoutParameters(suite.database(service).jdbcUrl())));
    }
    out.append("\n  Caller tokens (" + String.join(", ", Suite.CALLERS) + "): ").append(suite.tokenFile().toAbsolutePath()).append('\n');
    out.append("  Every call needs 'authorization: Bearer <token>' and 'x-custody-purpose: PURPOSE_...'.\n");
    suite.mail().ifPresent(mail -> out.append("  Mail: a local catcher on 127.0.0.1:").append(mail.port())
        .append(" keeps every notice in memory (set CUSTODY_SMTP_HOST to use a real relay).\n"));
    out.append("  Local state: ").append(options.home().toAbsolutePath()).append("\n  Stop with Ctrl-C.\n");
    System.out.println(out);
  }
}
