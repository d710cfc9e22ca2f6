package org.custody.analytics.crash;

import java.time.Duration;
import org.custody.analytics.app.AnalyticsApplication;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;

/**
 * The analytics server alone in its own JVM, for the crash test: it prints {@code PORT <n>} once
 * serving and then runs until killed. Compaction runs only hourly, so acknowledged batches are
 * still in the journal when the process is killed.
 *
 * <p>Arguments: JDBC URL, user, password.
 */
public final class AnalyticsServerProcess {
  private AnalyticsServerProcess() {}

  public static void main(String[] args) throws InterruptedException {
    DatabaseSettings database = new DatabaseSettings(args[0], args[1], args.length > 2 ? args[2] : "", 8, Duration.ofSeconds(5));
    ServiceServer server = AnalyticsApplication.start(AnalyticsTestServer.config(database, 10, Duration.ofHours(1)), database,
        ServiceRuntime.systemClock());
    System.out.println("PORT " + server.port());
    System.out.flush();
    server.awaitTermination();
  }
}
