package org.custody.platform.server;

import java.util.function.Function;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.ConfigException;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.EmbeddedDatabaseInUseException;
import org.custody.platform.db.LocalDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service as its own process: on the database named by CUSTODY_DB_URL, or on the
 * embedded MariaDB under CUSTODY_HOME when none is configured; stops cleanly on SIGTERM/Ctrl-C.
 */
public final class StandaloneRunner {
  private static final Logger log = LoggerFactory.getLogger(StandaloneRunner.class);

  private StandaloneRunner() {}

  public static void run(String service, CommonConfig config, Function<DatabaseSettings, ServiceServer> start) throws InterruptedException {
    JavaLoggingBridge.install();
    LocalDatabases local = null;
    DatabaseSettings database;
    if (config.database().isPresent()) {
      database = config.database().get();
    } else {
      log.info("no CUSTODY_DB_URL set; starting the embedded MariaDB under {}", config.home().toAbsolutePath());
      try {
        local = LocalDatabases.start(config.home(), 0);
      } catch (EmbeddedDatabaseInUseException e) {
        System.err.println(e.getMessage());
        System.exit(1);
        return;
      }
      database = local.provision(service, 16);
    }
    ServiceServer server;
    try {
      server = start.apply(database);
    } catch (RuntimeException e) {
      if (local != null) {
        local.close();
      }
      throw e;
    }
    LocalDatabases embedded = local;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      if (embedded != null) {
        embedded.close();
      }
    }, service + "-shutdown"));
    server.awaitTermination();
  }

  /** Prints configuration problems as a clear message and exits non-zero instead of a stack trace. */
  public static void exitOnConfigError(ConfigException e) {
    System.err.println(e.getMessage());
    System.exit(2);
  }
}
