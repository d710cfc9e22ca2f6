package org.custody.deploy.app;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.custody.deploy.Suite;
import org.custody.deploy.SuiteOptions;
import org.custody.platform.config.ConfigException;
import org.custody.platform.db.EmbeddedDatabaseInUseException;

/** The suite started from an environment, stopped by the JVM's shutdown (Ctrl-C, SIGTERM). */
final class RunningSuite {
  private final Suite suite;
  private final SuiteOptions options;
  private final CountDownLatch stopped;

  private RunningSuite(Suite suite, SuiteOptions options, CountDownLatch stopped) {
    this.suite = suite;
    this.options = options;
    this.stopped = stopped;
  }

  /**
   * Starts the suite and registers its stop with the JVM's shutdown.
   *
   * @throws Refused with the exit status and a message for the user, when it cannot start
   */
  static RunningSuite start(Map<String, String> environment) throws Refused {
    SuiteOptions options;
    try {
      options = SuiteOptions.from(environment);
    } catch (ConfigException e) {
      throw new Refused(2, e.getMessage());
    }
    Suite suite;
    try {
      suite = Suite.start(options);
    } catch (EmbeddedDatabaseInUseException e) {
      throw new Refused(1, e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Stopping Custody...");
      suite.close();
      stopped.countDown();
    }, "custody-shutdown"));
    return new RunningSuite(suite, options, stopped);
  }

  Suite suite() {
    return suite;
  }

  SuiteOptions options() {
    return options;
  }

  /** Blocks until the JVM's shutdown has stopped the suite. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** The suite did not start for a reason the user can fix; the message says which. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;

    Refused(int exitStatus, String message) {
      super(message, null, false, false);
      this.exitStatus = exitStatus;
    }

    int exitStatus() {
      return exitStatus;
    }
  }
}
