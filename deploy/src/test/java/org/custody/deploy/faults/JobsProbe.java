package org.custody.deploy.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.custody.deploy.Suite;
import org.custody.platform.db.DatabaseSettings;

/**
 * What two instances' periodic jobs did, read from outside: each instance's
 * {@code custody_job_runs_total} by task and outcome (scraped from its metrics port), and how far
 * analytics sealed the load's project ({@code span_watermark}, one row per dimension and threshold).
 */
final class JobsProbe {
  /** The service whose instances run each task. */
  private static final Map<String, String> SERVICE_OF = Map.of("span-sealing", "analytics", "ledger-verification", "disclosure");
  private static final String PROJECT_ID = MixedLoad.PROJECT.substring("projects/".length());

  private final List<Suite> instances;
  private final HttpClient http = HttpClient.newHttpClient();

  JobsProbe(Suite... instances) {
    this.instances = List.of(instances);
  }

  /** Runs of {@code task} with {@code outcome} on all instances together. */
  long runs(String task, String outcome) throws Exception {
    long total = 0;
    for (Suite instance : instances) {
      total += runsOn(instance, task, outcome);
    }
    return total;
  }

  /** The fewest runs of {@code task} with {@code outcome} on any one instance. */
  long runsOnEach(String task, String outcome) throws Exception {
    return runsOnEachSince(task, outcome, new long[instances.size()]);
  }

  /** Each instance's runs of {@code task} with {@code outcome} so far, to count from. */
  long[] mark(String task, String outcome) throws Exception {
    long[] counts = new long[instances.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = runsOn(instances.get(i), task, outcome);
    }
    return counts;
  }

  /** The fewest runs of {@code task} with {@code outcome} any one instance made since {@code mark}. */
  long runsOnEachSince(String task, String outcome, long[] mark) throws Exception {
    long[] now = mark(task, outcome);
    long fewest = Long.MAX_VALUE;
    for (int i = 0; i < now.length; i++) {
      fewest = Math.min(fewest, now[i] - mark[i]);
    }
    return fewest;
  }

  private long runsOn(Suite instance, String task, String outcome) throws Exception {
    String service = SERVICE_OF.get(task);
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.metricsPort(service) + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return (long) metrics.lines().filter(l -> l.startsWith("custody_job_runs_total{") && l.contains("task=\"" + task + "\"")
        && l.contains("outcome=\"" + outcome + "\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /** Every watermark of the load's project is at today (real UTC date) or later, and there is one. */
  boolean todaySealed() throws SQLException {
    DatabaseSettings db = instances.get(0).database("analytics");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(sealed_through < ?), 0) FROM span_watermark WHERE project_id = ?")) {
      s.setObject(1, LocalDate.now(ZoneOffset.UTC));
      s.setString(2, PROJECT_ID);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0 && rows.getLong(2) == 0;
      }
    }
  }
}
