package org.custody.analytics.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import io.grpc.ManagedChannel;
import org.custody.analytics.app.AnalyticsApplication;
import org.custody.analytics.app.AnalyticsConfig;
import org.custody.analytics.ingest.IngestionWindow;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.testing.PageViews;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.load.LoadDriver;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestDatabases;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.Granularity;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.StatisticsOrder;

/**
 * The committed benchmark. Starts the real analytics service on a real port against MariaDB and
 * measures, over gRPC:
 * <ol>
 *   <li>ingestion: batches of 1,000 views over 1,000 distinct paths of one project, each call
 *       acknowledged only once its batch is committed (durable): views/s and per-batch latency;
 *       then how long the compactor takes to fold the backlog, and a check that every
 *       acknowledged view is counted;
 *   <li>queries over 30 days x 1,000 paths (a long-tailed traffic shape: many cells suppressed):
 *       per-day and total rows, by views and by unique visitors, a path prefix, and noisy mode.
 * </ol>
 * Run: {@code mvn -B -q -pl analytics-service test-compile exec:java
 * -Dexec.mainClass=org.custody.analytics.bench.AnalyticsBenchmark -Dexec.classpathScope=test}
 * (with CUSTODY_TEST_DB_URL naming the MariaDB server). Optional system properties:
 * {@code bench.concurrency} (default 8), {@code bench.seconds} (default 30), {@code bench.phase}
 * ({@code ingestion}, {@code queries} or {@code all}, the default), {@code bench.shapes} (only the query
 * shapes whose name contains it, e.g. {@code noisy}).
 */
public final class AnalyticsBenchmark {
  private static final int PATHS = 1000;
  private static final int BATCH = 1000;
  private static final int VISITOR_POOL = 100_000;

  private AnalyticsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int concurrency = Integer.getInteger("bench.concurrency", 8);
    int seconds = Integer.getInteger("bench.seconds", 30);
    System.out.printf("analytics benchmark: %d cores, MariaDB %s%n", Runtime.getRuntime().availableProcessors(), serverVersion());
    String phase = System.getProperty("bench.phase", "all");
    if (!phase.equals("queries")) {
      ingestion(concurrency, Duration.ofSeconds(seconds));
    }
    if (!phase.equals("ingestion")) {
      queries();
    }
    System.exit(0);
  }

  private static AnalyticsConfig config(DatabaseSettings database, double dailyEpsilon) {
    ServerSettings server = new ServerSettings(0, 0, 32, 8 * 1024 * 1024, Duration.ofSeconds(60), Duration.ZERO,
        Duration.ofSeconds(10), Duration.ofSeconds(2));
    return new AnalyticsConfig(new CommonConfig(server, TestCallers.auth(), Optional.of(database), Path.of("target")),
        dailyEpsilon, KThreshold.DEFAULT, IngestionWindow.LONGEST_MAX_AGE, Duration.ofMinutes(5), Duration.ofSeconds(1),
        Duration.ofMinutes(5), Duration.ofSeconds(1), Optional.of(AnalyticsTestServer.PSEUDONYM_KEY));
  }

  private static void ingestion(int concurrency, Duration duration) throws Exception {
    DatabaseSettings database = TestDatabases.fresh("bench").withPoolSize(16);
    ServiceServer server = AnalyticsApplication.start(config(database, 10), database, ServiceRuntime.systemClock());
    ManagedChannel channel = TestCallers.channel(server.port());
    try {
      var frontend = TestCallers.as(AnalyticsServiceGrpc.newBlockingStub(channel), TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT);
      List<RecordPageViewsRequest> batches = batches(64, Instant.now());
      AtomicLong acknowledged = new AtomicLong();
      AtomicLong sinceMeterStart = new AtomicLong();
      LoadDriver.Call call = (worker, i) -> {
        RecordPageViewsRequest batch = batches.get((int) ((worker * 7919L + i) % batches.size()))
            .toBuilder().setRequestId(UUID.randomUUID().toString()).build();
        long recorded = frontend.recordPageViews(batch).getRecordedCount();
        acknowledged.addAndGet(recorded);
        sinceMeterStart.addAndGet(recorded);
      };
      LoadDriver.run("warm-up", concurrency, Duration.ZERO, Duration.ofSeconds(15), call); // JIT, pool, caches
      sinceMeterStart.set(0);
      CpuMeter cpu = CpuMeter.start();
      LoadDriver.Result result = LoadDriver.run("RecordPageViews 1000 views/1000 paths", concurrency, Duration.ofSeconds(2), duration, call);
      CpuMeter.Usage usage = cpu.stop();
      long measuredBatches = sinceMeterStart.get() / BATCH;
      System.out.println(result.line());
      System.out.printf("ingestion: %,.0f views/s durable on ack (batch p50 %.1f ms, p99 %.1f ms), concurrency %d%n",
          result.callsPerSecond() * BATCH, result.p50Micros() / 1000.0, result.p99Micros() / 1000.0, concurrency);
      System.out.printf("cpu per 1000-view batch after warm-up: benchmark JVM (client + service + compaction) %.1f ms,"
          + " mariadbd %.1f ms (a shared server: an upper bound); machine load average %.1f%n",
          usage.jvmMillis() / measuredBatches, usage.databaseMillis() / measuredBatches, usage.loadAverage());
      long started = System.nanoTime();
      long pending = journalRows(database);
      var operator = TestCallers.as(AnalyticsServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      var totals = operator.queryPageStatistics(QueryPageStatisticsRequest.newBuilder().setProject("projects/bench")
          .setStartDate(today.minusDays(1).toString()).setEndDate(today.toString())
          .setGranularity(Granularity.GRANULARITY_TOTAL).setPageSize(1000).build());
      long counted = totals.getStatisticsList().stream().mapToLong(r -> r.getViews()).sum();
      System.out.printf("compaction backlog after the run: %d batches, folded by the first query in %.1f s%n",
          pending, (System.nanoTime() - started) / 1e9);
      System.out.printf("acknowledged views %,d, counted views %,d: %s%n", acknowledged.get(), counted,
          acknowledged.get() == counted ? "every acknowledged view is counted" : "MISMATCH");
    } finally {
      channel.shutdownNow();
      server.close();
      TestDatabases.drop(database);
    }
  }

  /** Batches of one view per path, each by a visitor drawn from the pool. */
  private static List<RecordPageViewsRequest> batches(int count, Instant time) {
    Random random = new Random(42);
    List<RecordPageViewsRequest> batches = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      RecordPageViewsRequest.Builder batch = RecordPageViewsRequest.newBuilder().setProject("projects/bench");
      for (int p = 0; p < PATHS; p++) {
        int visitor = random.nextInt(VISITOR_POOL);
        batch.addViews(PageViews.view("https://bench.example/docs/section-" + (p / 100) + "/page-" + p + "?utm_source=bench",
            p % 4 == 0 ? "https://search.example/q" : "", time,
            "10." + (visitor >> 16) + "." + ((visitor >> 8) & 255) + "." + (visitor & 255),
            "Mozilla/5.0 (X11; Linux x86_64) Bench/" + (visitor % 20)));
      }
      batches.add(batch.build());
    }
    return batches;
  }

  private static void queries() throws Exception {
    DatabaseSettings database = TestDatabases.fresh("benchq").withPoolSize(16);
    LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(40);
    MutableClock clock = new MutableClock(first.atTime(12, 0).toInstant(ZoneOffset.UTC));
    ServiceServer server = AnalyticsApplication.start(config(database, 1000), database, clock);
    ManagedChannel channel = TestCallers.channel(server.port());
    try {
      var frontend = TestCallers.as(AnalyticsServiceGrpc.newBlockingStub(channel), TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT);
      long seeded = seed(frontend, clock, first);
      var operator = TestCallers.as(AnalyticsServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT);
      var researcher = TestCallers.as(AnalyticsServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.RESEARCH);
      QueryPageStatisticsRequest base = QueryPageStatisticsRequest.newBuilder().setProject("projects/bench")
          .setStartDate(first.toString()).setEndDate(first.plusDays(29).toString()).setPageSize(100).build();
      long started = System.nanoTime();
      operator.queryPageStatistics(base); // folds the seeding backlog
      System.out.printf("seeded %,d views over 30 days x %d paths (%d cells); first query (folds the journal) %.1f s%n",
          seeded, PATHS, 30 * PATHS, (System.nanoTime() - started) / 1e9);
      started = System.nanoTime();
      LocalDate lastClosed = first.plusDays(28); // the last seeded day is younger than the oldest view an ingest accepts
      int sealed = awaitSealedSpans(database, 2, lastClosed);
      System.out.printf("sealed-span watermarks through %s: %d (pages at k and at 0) in %.1f s; the last day stays open%n",
          lastClosed, sealed, (System.nanoTime() - started) / 1e9);
      List<Object[]> shapes = List.of(
          new Object[] {"by day, views desc, page of 100", operator, base.toBuilder()
              .setGranularity(Granularity.GRANULARITY_DAY).build()},
          new Object[] {"by day, path prefix, by path", operator, base.toBuilder().setGranularity(Granularity.GRANULARITY_DAY)
              .setPathPrefix("/docs/section-1/").setOrder(StatisticsOrder.STATISTICS_ORDER_PATH_ASC).build()},
          new Object[] {"totals, views desc, page of 100", operator, base.toBuilder()
              .setGranularity(Granularity.GRANULARITY_TOTAL).build()},
          new Object[] {"totals, unique visitors desc (merges all)", operator, base.toBuilder()
              .setGranularity(Granularity.GRANULARITY_TOTAL).setOrder(StatisticsOrder.STATISTICS_ORDER_UNIQUE_VISITORS_DESC).build()},
          new Object[] {"noisy, by day, views desc", researcher, base.toBuilder()
              .setGranularity(Granularity.GRANULARITY_DAY).setEpsilon(0.001).build()},
          new Object[] {"noisy, totals, views desc (merges all)", researcher, base.toBuilder()
              .setGranularity(Granularity.GRANULARITY_TOTAL).setEpsilon(0.001).build()});
      String only = System.getProperty("bench.shapes", "");
      for (Object[] shape : shapes) {
        if (!((String) shape[0]).contains(only)) {
          continue;
        }
        @SuppressWarnings("unchecked")
        var stub = (AnalyticsServiceGrpc.AnalyticsServiceBlockingStub) shape[1];
        QueryPageStatisticsRequest request = (QueryPageStatisticsRequest) shape[2];
        for (int concurrency : new int[] {1, 4}) {
          LoadDriver.Result result = LoadDriver.run("query " + shape[0], concurrency, Duration.ofSeconds(3), Duration.ofSeconds(10),
              (worker, i) -> stub.queryPageStatistics(request));
          System.out.println(result.line());
        }
      }
    } finally {
      channel.shutdownNow();
      server.close();
      TestDatabases.drop(database);
    }
  }

  /**
   * 30 days of long-tailed traffic: path i gets about 400 / (i + 1)^0.7 visitors a day (from
   * 400 down to 3), so roughly four in five cells are below k.
   */
  private static long seed(AnalyticsServiceGrpc.AnalyticsServiceBlockingStub frontend, MutableClock clock, LocalDate first) {
    Random random = new Random(7);
    long views = 0;
    for (int day = 0; day < 30; day++) {
      clock.set(first.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC));
      RecordPageViewsRequest.Builder batch = RecordPageViewsRequest.newBuilder().setProject("projects/bench");
      for (int p = 0; p < PATHS; p++) {
        int visitors = Math.max(3, (int) Math.round(400 / Math.pow(p + 1, 0.7)));
        for (int v = 0; v < visitors; v++) {
          int visitor = random.nextInt(VISITOR_POOL);
          batch.addViews(PageViews.view("/docs/section-" + (p / 100) + "/page-" + p, "", clock.instant(),
              "10." + (visitor >> 16) + "." + ((visitor >> 8) & 255) + "." + (visitor & 255), "Bench/" + (visitor % 20)));
          if (batch.getViewsCount() == 5000) {
            views += frontend.recordPageViews(batch.build()).getRecordedCount();
            batch.clearViews();
          }
        }
      }
      if (batch.getViewsCount() > 0) {
        views += frontend.recordPageViews(batch.build()).getRecordedCount();
      }
    }
    clock.set(first.plusDays(30).atTime(12, 0).toInstant(ZoneOffset.UTC));
    return views;
  }

  /**
   * Waits for the span-sealing job (every second here) to roll the closed seeded days up: it
   * seals a few days per transaction, so the watermarks exist well before they reach the end.
   */
  private static int awaitSealedSpans(DatabaseSettings database, int expected, LocalDate through) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password());
          ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM span_watermark WHERE dimension = 'PAGE'"
              + " AND sealed_through >= DATE '" + through + "'")) {
        rs.next();
        int marks = rs.getInt(1);
        if (marks >= expected || System.nanoTime() > deadline) {
          return marks;
        }
      }
      Thread.sleep(200);
    }
  }

  private static long journalRows(DatabaseSettings database) throws Exception {
    try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password());
        ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM ingest_journal")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String serverVersion() throws Exception {
    DatabaseSettings admin = TestDatabases.admin();
    try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(admin.jdbcUrl()), admin.user(), admin.password());
        ResultSet rs = connection.createStatement().executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit")) {
      rs.next();
      return rs.getString(1) + " (innodb_flush_log_at_trx_commit=" + rs.getString(2) + ")";
    }
  }
}
