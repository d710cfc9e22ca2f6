package org.custody.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.analytics.testing.PageViews.view;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.testkit.DatabaseCells;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.RawCalls;
import org.custody.platform.testkit.SingleReply;
import org.custody.platform.testkit.ServiceHarness;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class PageViewIngestionApiIT {
  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  private static final String TODAY = "2026-06-15";
  private static final MutableClock clock = new MutableClock(NOW);
  private static ServiceHarness harness;
  private static DatabaseSettings database;
  private static AnalyticsServiceGrpc.AnalyticsServiceBlockingStub frontend;
  private static AnalyticsServiceGrpc.AnalyticsServiceBlockingStub operator;

  @BeforeAll
  static void start(DatabaseSettings settings) {
    database = settings;
    harness = AnalyticsTestServer.start(settings, clock);
    frontend = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT);
    operator = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static RecordPageViewsRequest batch(String project, List<PageView> views) {
    return RecordPageViewsRequest.newBuilder().setProject("projects/" + project).addAllViews(views).build();
  }

  /** {@code visitors} visitors each viewing {@code url} {@code viewsEach} times. */
  private static List<PageView> views(String url, int visitors, int viewsEach) {
    List<PageView> views = new ArrayList<>();
    for (int v = 0; v < visitors; v++) {
      for (int i = 0; i < viewsEach; i++) {
        views.add(view(url, "", NOW.minusSeconds(60), v));
      }
    }
    return views;
  }

  private static List<PageStatistic> daily(String project) {
    return operator.queryPageStatistics(QueryPageStatisticsRequest.newBuilder()
        .setProject("projects/" + project).setStartDate(TODAY).setEndDate(TODAY)
        .setGranularity(Granularity.GRANULARITY_DAY).setOrder(StatisticsOrder.STATISTICS_ORDER_PATH_ASC).build())
        .getStatisticsList();
  }

  private static ErrorDetails failure(Runnable call) {
    return ErrorDetails.ofFailure(call);
  }

  @Test
  void recordPageViews_thenQuery_countsViewsAndUniqueVisitorsPerNormalisedPath() {
    List<PageView> views = new ArrayList<>(views("https://acme.example/docs/intro?utm=x", 12, 3));
    views.addAll(views("/docs/intro#install", 3, 1)); // the same page, three of the twelve again
    assertThat(frontend.recordPageViews(batch("ingest-a", views)).getRecordedCount()).isEqualTo(39);
    assertThat(daily("ingest-a")).containsExactly(PageStatistic.newBuilder()
        .setPath("/docs/intro").setDate(TODAY).setViews(39).setUniqueVisitors(12).build());
  }

  @Test
  void streamPageViews_recordsEveryBatchDurably_andCountsThemAll() throws Exception {
    CompletableFuture<StreamPageViewsResponse> result = new CompletableFuture<>();
    StreamObserver<StreamPageViewsRequest> stream = harness.stub(AnalyticsServiceGrpc::newStub, TestCallers.FRONTEND,
        Purpose.SERVICE_IMPROVEMENT).streamPageViews(SingleReply.into(result));
    for (int b = 0; b < 3; b++) {
      stream.onNext(StreamPageViewsRequest.newBuilder().setProject("projects/ingest-stream")
          .addAllViews(views("/pricing", 10, 1)).build());
    }
    stream.onCompleted();
    assertThat(result.get(30, TimeUnit.SECONDS).getRecordedCount()).isEqualTo(30);
    assertThat(daily("ingest-stream")).singleElement().satisfies(row -> {
      assertThat(row.getViews()).isEqualTo(30);
      assertThat(row.getUniqueVisitors()).isEqualTo(10);
    });
  }

  @Test
  void streamPageViews_resentWithRequestIds_countsEachBatchOnce() throws Exception {
    List<StreamPageViewsRequest> batches = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      batches.add(StreamPageViewsRequest.newBuilder().setProject("projects/ingest-stream-retry")
          .setRequestId(UUID.randomUUID().toString()).addAllViews(views("/retry", 10, 1)).build());
    }
    for (int attempt = 0; attempt < 2; attempt++) { // the client resends the whole stream
      CompletableFuture<StreamPageViewsResponse> result = new CompletableFuture<>();
      StreamObserver<StreamPageViewsRequest> stream = harness.stub(AnalyticsServiceGrpc::newStub, TestCallers.FRONTEND,
          Purpose.SERVICE_IMPROVEMENT).streamPageViews(SingleReply.into(result));
      batches.forEach(stream::onNext);
      stream.onCompleted();
      assertThat(result.get(30, TimeUnit.SECONDS).getRecordedCount()).isEqualTo(30);
    }
    assertThat(daily("ingest-stream-retry")).singleElement().satisfies(row -> assertThat(row.getViews()).isEqualTo(30));
  }

  @Test
  void streamPageViews_invalidBatch_endsTheStreamWithItsError_earlierBatchesStay() throws Exception {
    CompletableFuture<StreamPageViewsResponse> result = new CompletableFuture<>();
    StreamObserver<StreamPageViewsRequest> stream = harness.stub(AnalyticsServiceGrpc::newStub, TestCallers.FRONTEND,
        Purpose.SERVICE_IMPROVEMENT).streamPageViews(SingleReply.into(result));
    stream.onNext(StreamPageViewsRequest.newBuilder().setProject("projects/ingest-stream-bad")
        .addAllViews(views("/ok", 10, 1)).build());
    List<PageView> bad = new ArrayList<>(views("/ok", 10, 1));
    bad.add(view("ftp://acme.example/file", "", NOW, 1));
    stream.onNext(StreamPageViewsRequest.newBuilder().setProject("projects/ingest-stream-bad").addAllViews(bad).build());
    stream.onCompleted();
    assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StatusRuntimeException.class)
        .satisfies(e -> {
          ErrorDetails details = ErrorDetails.of((StatusRuntimeException) e.getCause());
          assertThat(details.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(details.violatedFields()).containsExactly("views[10].url");
        });
    assertThat(daily("ingest-stream-bad")).singleElement().satisfies(row -> assertThat(row.getViews()).isEqualTo(10));
  }

  @Test
  void streamPageViews_undecodableBatch_isMalformedRequest_earlierBatchesStay() {
    byte[] good = StreamPageViewsRequest.newBuilder().setProject("projects/ingest-stream-garbage")
        .addAllViews(views("/ok", 10, 1)).build().toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    RawCalls.Outcome outcome = RawCalls.call(harness.channel(), "custody.analytics.v1.AnalyticsService/StreamPageViews",
        io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING, RawCalls.headers(TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT),
        List.of(good, truncated, good), null);
    ErrorDetails details = outcome.details();
    assertThat(details.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(details.reason()).isEqualTo("MALFORMED_REQUEST");
    assertThat(details.domain()).isEqualTo("analytics.custody");
    assertThat(outcome.responses()).isZero();
    assertThat(daily("ingest-stream-garbage")).singleElement().satisfies(row -> assertThat(row.getViews()).isEqualTo(10));
  }

  @Test
  void streamPageViews_messageBreakingTheContract_isInvalidArgument() throws Exception {
    CompletableFuture<StreamPageViewsResponse> result = new CompletableFuture<>();
    StreamObserver<StreamPageViewsRequest> stream = harness.stub(AnalyticsServiceGrpc::newStub, TestCallers.FRONTEND,
        Purpose.SERVICE_IMPROVEMENT).streamPageViews(SingleReply.into(result));
    stream.onNext(StreamPageViewsRequest.newBuilder().setProject("not-a-project").addAllViews(views("/ok", 1, 1)).build());
    stream.onCompleted();
    assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StatusRuntimeException.class)
        .satisfies(e -> assertThat(ErrorDetails.of((StatusRuntimeException) e.getCause()).violatedFields()).containsExactly("project"));
  }

  @Test
  void recordPageViews_oneBadView_recordsNothing_andNamesTheField() {
    List<PageView> views = new ArrayList<>(views("/fine", 10, 1));
    views.add(view("/users/jane@example.com", "not a url", NOW, 3));
    views.add(view("/fine", "", NOW.plus(Duration.ofHours(2)), 4));
    views.add(view("/fine", "", NOW.minus(Duration.ofHours(30)), 5));
    ErrorDetails error = failure(() -> frontend.recordPageViews(batch("ingest-bad", views)));
    assertThat(error.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.violatedFields()).containsExactly("views[10].referrer", "views[11].view_time", "views[12].view_time");
    assertThat(error.message()).doesNotContain("jane");
    assertThat(daily("ingest-bad")).isEmpty();
  }

  @Test
  void recordPageViews_oversizedOrEmptyBatch_isAFieldViolation() {
    List<PageView> tooMany = views("/x", 1, 5001);
    assertThat(failure(() -> frontend.recordPageViews(batch("ingest-big", tooMany))).violatedFields()).containsExactly("views");
    assertThat(failure(() -> frontend.recordPageViews(batch("ingest-big", List.of()))).violatedFields()).containsExactly("views");
    assertThat(frontend.recordPageViews(batch("ingest-big", views("/x", 1, 5000))).getRecordedCount()).isEqualTo(5000);
  }

  @Test
  void recordPageViews_badIpOrMissingTimestamp_isAFieldViolation() {
    PageView noIp = view("/x", "", NOW, "not-an-ip", "ua");
    PageView noTime = view("/x", "", NOW, 1).toBuilder().clearViewTime().build();
    assertThat(failure(() -> frontend.recordPageViews(batch("ingest-contract", List.of(noIp, noTime)))).violatedFields())
        .containsExactlyInAnyOrder("views[0].visitor.ip_address", "views[1].view_time");
  }

  @Test
  void recordPageViews_concurrentDuplicates_allAnswerAlike_countedOnce() throws Exception {
    RecordPageViewsRequest request = batch("ingest-concurrent", views("/c", 10, 1)).toBuilder()
        .setRequestId(UUID.randomUUID().toString()).build();
    org.custody.platform.testkit.ConcurrentDuplicates.answerAlike(6, () -> frontend.recordPageViews(request).getRecordedCount());
    assertThat(daily("ingest-concurrent")).singleElement().satisfies(row -> assertThat(row.getViews()).isEqualTo(10));
  }

  @Test
  void recordPageViews_retriedRequestId_countsOnce_andAReusedIdIsRefused() {
    String requestId = UUID.randomUUID().toString();
    RecordPageViewsRequest request = batch("ingest-retry", views("/a", 10, 1)).toBuilder().setRequestId(requestId).build();
    assertThat(frontend.recordPageViews(request).getRecordedCount()).isEqualTo(10);
    assertThat(frontend.recordPageViews(request).getRecordedCount()).isEqualTo(10);
    assertThat(daily("ingest-retry")).singleElement().satisfies(row -> assertThat(row.getViews()).isEqualTo(10));
    RecordPageViewsRequest other = batch("ingest-retry", views("/b", 10, 1)).toBuilder().setRequestId(requestId).build();
    ErrorDetails error = failure(() -> frontend.recordPageViews(other));
    assertThat(error.reason()).isEqualTo("REQUEST_ID_REUSED");
    assertThat(error.violatedFields()).containsExactly("request_id");
  }

  @Test
  void P4_batchRequestId_isBoundByAKeyedFingerprint_notAPlainHashOfTheViews() throws Exception {
    String requestId = UUID.randomUUID().toString();
    RecordPageViewsRequest request = batch("ingest-keyed", List.of(view("/k", "", NOW, "203.0.113.88", "KeyedAgent/1.0")))
        .toBuilder().setRequestId(requestId).build();
    frontend.recordPageViews(request);
    byte[] stored;
    try (Connection db = DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password());
        PreparedStatement query = db.prepareStatement("SELECT request_hash FROM ingest_request WHERE request_id = ?")) {
      query.setString(1, requestId);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        stored = row.getBytes(1);
      }
    }
    // A plain hash of a one-view batch could be matched by trying every IPv4 address.
    assertThat(stored).hasSize(32).isNotEqualTo(MessageDigest.getInstance("SHA-256").digest(request.toByteArray()));
  }

  @Test
  void P4_nothingStoredHoldsAnIpAddressUserAgentUrlQueryOrIdentifier() {
    String ip = "203.0.113.77";
    String userAgent = "Mozilla/5.0 (UniqueAgentForP4Test 9.9)";
    frontend.recordPageViews(batch("ingest-p4", List.of(
        view("https://acme.example/users/jane.doe@example.com/reset/7f3a9c2e1b4d6a80?token=s3cr3tQuery#frag",
            "https://mail.example.net/inbox/4711?user=john", NOW, ip, userAgent),
        view("https://acme.example/orders/98765432/receipt", "", NOW, "2001:db8::77", userAgent))));
    assertThat(daily("ingest-p4")).extracting(PageStatistic::getPath)
        .containsExactly("/orders/:id/receipt", "/users/:email/reset/:token");
    assertThat(DatabaseCells.containing(database, "/users/:email/reset/:token")).isNotEmpty();
    assertThat(DatabaseCells.containing(database, "mail.example.net")).isNotEmpty();
    assertThat(DatabaseCells.containing(database, ip, "2001:db8::77", "UniqueAgentForP4Test", "jane.doe", "7f3a9c2e1b4d6a80",
        "s3cr3tQuery", "frag", "98765432", "/inbox/4711", "user=john")).isEmpty();
  }
}
