package org.custody.analytics.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.analytics.testing.PageViews.view;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.SingleReply;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.Granularity;
import org.custody.proto.analytics.v1.PageStatistic;
import org.custody.proto.analytics.v1.PageView;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.StatisticsOrder;
import org.custody.proto.analytics.v1.StreamPageViewsRequest;
import org.custody.proto.analytics.v1.StreamPageViewsResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acknowledged means durable: the server runs in its own JVM, receives batches (unary and
 * streamed), and is killed with SIGKILL right after the last acknowledgement, with batches still
 * waiting in the journal. A fresh server on the same database then answers exactly the counts
 * that were acknowledged.
 */
@ExtendWith(FreshDatabase.class)
class CrashDurabilityIT {
  private static final int PATHS = 12;
  private static final int VISITORS = 15;

  @Test
  void recordPageViews_acknowledgedBatches_surviveAKill9_exactly(DatabaseSettings database) throws Exception {
    Process server = startServerProcess(database);
    Map<String, Long> acknowledged = new HashMap<>();
    try {
      int port = awaitPort(server);
      ManagedChannel channel = TestCallers.channel(port);
      try {
        AnalyticsServiceGrpc.AnalyticsServiceBlockingStub frontend = TestCallers.as(AnalyticsServiceGrpc.newBlockingStub(channel),
            TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT);
        for (int b = 0; b < 10; b++) {
          assertThat(frontend.recordPageViews(RecordPageViewsRequest.newBuilder().setProject("projects/acme")
              .addAllViews(batch(b, acknowledged)).build()).getRecordedCount()).isEqualTo(PATHS * VISITORS);
        }
        // A query folds what is pending: part of the data is compacted before the crash, part is not.
        TestCallers.as(AnalyticsServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT)
            .queryPageStatistics(query());
        for (int b = 10; b < 20; b++) {
          assertThat(frontend.recordPageViews(RecordPageViewsRequest.newBuilder().setProject("projects/acme")
              .addAllViews(batch(b, acknowledged)).build()).getRecordedCount()).isEqualTo(PATHS * VISITORS);
        }
        CompletableFuture<StreamPageViewsResponse> streamed = new CompletableFuture<>();
        StreamObserver<StreamPageViewsRequest> stream = TestCallers.as(AnalyticsServiceGrpc.newStub(channel), TestCallers.FRONTEND,
            Purpose.SERVICE_IMPROVEMENT).streamPageViews(SingleReply.into(streamed));
        for (int b = 20; b < 25; b++) {
          stream.onNext(StreamPageViewsRequest.newBuilder().setProject("projects/acme").addAllViews(batch(b, acknowledged)).build());
        }
        stream.onCompleted();
        assertThat(streamed.get(60, TimeUnit.SECONDS).getRecordedCount()).isEqualTo(5L * PATHS * VISITORS);
      } finally {
        channel.shutdownNow();
      }
    } finally {
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no draining, no closing of the pool
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(server.exitValue()).isEqualTo(137);
    assertThat(pendingJournalRows(database)).isPositive();

    try (ServiceHarness restarted = AnalyticsTestServer.start(database, ServiceRuntime.systemClock())) {
      List<PageStatistic> rows = restarted.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.OPERATOR,
          Purpose.SERVICE_IMPROVEMENT).queryPageStatistics(query()).getStatisticsList();
      Map<String, Long> counted = new HashMap<>();
      rows.forEach(row -> counted.merge(row.getPath(), row.getViews(), Long::sum));
      assertThat(counted).isEqualTo(acknowledged);
      assertThat(rows).allSatisfy(row -> assertThat(row.getUniqueVisitors()).isEqualTo(VISITORS));
    }
  }

  /** One view per path per visitor; the days come from the clock at the time of the view. */
  private static List<PageView> batch(int number, Map<String, Long> acknowledged) {
    List<PageView> views = new ArrayList<>();
    Instant now = Instant.now();
    for (int p = 0; p < PATHS; p++) {
      String path = "/crash/page-" + p;
      for (int v = 0; v < VISITORS; v++) {
        views.add(view("https://acme.example" + path, "", now, v));
      }
      acknowledged.merge(path, (long) VISITORS, Long::sum);
    }
    return views;
  }

  private static QueryPageStatisticsRequest query() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return QueryPageStatisticsRequest.newBuilder().setProject("projects/acme")
        .setStartDate(today.minusDays(1).toString()).setEndDate(today.plusDays(1).toString())
        .setGranularity(Granularity.GRANULARITY_DAY).setOrder(StatisticsOrder.STATISTICS_ORDER_PATH_ASC).setPageSize(1000).build();
  }

  private static Process startServerProcess(DatabaseSettings database) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(java, "-Xmx512m", "-cp", classpath, AnalyticsServerProcess.class.getName(),
        database.jdbcUrl(), database.user(), database.password())
        .redirectErrorStream(true)
        .start();
  }

  /** Reads the child's output until it announces its port; keeps draining it afterwards. */
  private static int awaitPort(Process server) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("PORT ")) {
            port.complete(Integer.parseInt(line.substring(5).trim()));
          }
        }
        port.completeExceptionally(new IllegalStateException("the server process ended before serving"));
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
    }, "crash-test-child-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(120, TimeUnit.SECONDS);
  }

  private static long pendingJournalRows(DatabaseSettings database) throws Exception {
    try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password());
        ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM ingest_journal")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
