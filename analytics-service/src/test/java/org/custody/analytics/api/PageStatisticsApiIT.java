package org.custody.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.analytics.testing.PageViews.view;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.GetPrivacyBudgetRequest;
import org.custody.proto.analytics.v1.Granularity;
import org.custody.proto.analytics.v1.PageStatistic;
import org.custody.proto.analytics.v1.PageView;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.analytics.v1.QueryPageStatisticsResponse;
import org.custody.proto.analytics.v1.QueryReferrersRequest;
import org.custody.proto.analytics.v1.QueryReferrersResponse;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.ReferrerStatistic;
import org.custody.proto.analytics.v1.StatisticsOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Queries over real gRPC and MariaDB. The data is laid down over two days with a controlled
 * clock: day 1 (2026-07-01) and day 2 (2026-07-02), the clock ending on day 2.
 */
@ExtendWith(FreshDatabase.class)
class PageStatisticsApiIT {
  private static final String D1 = "2026-07-01";
  private static final String D2 = "2026-07-02";
  private static final MutableClock clock = MutableClock.at(D1 + "T10:00:00Z");
  private static ServiceHarness harness;
  private static AnalyticsServiceGrpc.AnalyticsServiceBlockingStub operator;
  private static AnalyticsServiceGrpc.AnalyticsServiceBlockingStub researcher;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = AnalyticsTestServer.start(AnalyticsTestServer.config(database, 3, Duration.ofSeconds(1)), database, clock);
    operator = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT);
    researcher = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.RESEARCH);
    // Day 1: /docs/a 20 visitors, /docs/b 4 visitors (suppressed), /blog 15 visitors, /docs/c 12 visitors.
    record(List.of(cell("/docs/a", 20, 2, "https://news.example.org/x", 0), cell("/docs/b", 4, 1, "", 100),
        cell("/blog", 15, 1, "https://tiny.example.com/", 200), cell("/docs/c", 12, 1, "", 300)));
    clock.set(Instant.parse(D2 + "T09:00:00Z"));
    // Day 2: /docs/a 3 visitors (suppressed), /docs/b 11 visitors.
    record(List.of(cell("/docs/a", 3, 1, "", 0), cell("/docs/b", 11, 1, "https://news.example.org/y", 400)));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /** {@code visitors} visitors (numbered from {@code firstVisitor}) viewing {@code path} {@code each} times. */
  private static List<PageView> cell(String path, int visitors, int each, String referrer, int firstVisitor) {
    List<PageView> views = new ArrayList<>();
    for (int v = 0; v < visitors; v++) {
      for (int i = 0; i < each; i++) {
        views.add(view("https://acme.example" + path, referrer, clock.instant(), firstVisitor + v));
      }
    }
    return views;
  }

  private static void record(List<List<PageView>> cells) {
    RecordPageViewsRequest.Builder batch = RecordPageViewsRequest.newBuilder().setProject("projects/acme");
    cells.forEach(batch::addAllViews);
    harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT)
        .recordPageViews(batch.build());
  }

  private static QueryPageStatisticsRequest.Builder query(String from, String to, Granularity granularity) {
    return QueryPageStatisticsRequest.newBuilder().setProject("projects/acme").setStartDate(from).setEndDate(to)
        .setGranularity(granularity);
  }

  private static PageStatistic row(String path, String date, long views, long uniques) {
    return PageStatistic.newBuilder().setPath(path).setDate(date).setViews(views).setUniqueVisitors(uniques).build();
  }

  private static PageStatistic suppressed(String path, String date) {
    return PageStatistic.newBuilder().setPath(path).setDate(date).setSuppressed(true).build();
  }

  private static ErrorDetails failure(Runnable call) {
    return ErrorDetails.ofFailure(call);
  }

  @Test
  void P4_byDay_suppressesCellsBelowK_withoutNumbers_listedAfterTheShownRows() {
    QueryPageStatisticsResponse response = operator.queryPageStatistics(query(D1, D2, Granularity.GRANULARITY_DAY).build());
    assertThat(response.getKThreshold()).isEqualTo(10);
    assertThat(response.getNoisy()).isFalse();
    assertThat(response.getStatisticsList()).containsExactly(
        row("/docs/a", D1, 40, 20),
        row("/blog", D1, 15, 15),
        row("/docs/c", D1, 12, 12),
        row("/docs/b", D2, 11, 11),
        suppressed("/docs/a", D2),
        suppressed("/docs/b", D1));
  }

  @Test
  void P4_totalsCannotBeDifferencedToRecoverASuppressedCell() {
    List<PageStatistic> totals = operator.queryPageStatistics(query(D1, D2, Granularity.GRANULARITY_TOTAL)
        .setOrder(StatisticsOrder.STATISTICS_ORDER_PATH_ASC).build()).getStatisticsList();
    // Each total is the sum of its shown cells: /docs/a's suppressed 3 views of day 2 are not in it,
    // nor /docs/b's 4 of day 1; a total over day 1 alone, or day 2 alone, adds nothing to subtract.
    assertThat(totals).containsExactly(
        row("/blog", "", 15, 15), row("/docs/a", "", 40, 20), row("/docs/b", "", 11, 11), row("/docs/c", "", 12, 12));
    List<PageStatistic> day2 = operator.queryPageStatistics(query(D2, D2, Granularity.GRANULARITY_TOTAL)
        .setOrder(StatisticsOrder.STATISTICS_ORDER_PATH_ASC).build()).getStatisticsList();
    assertThat(day2).containsExactly(suppressed("/docs/a", ""), row("/docs/b", "", 11, 11));
    List<PageStatistic> day1 = operator.queryPageStatistics(query(D1, D1, Granularity.GRANULARITY_TOTAL)
        .setOrder(StatisticsOrder.STATISTICS_ORDER_PATH_ASC).build()).getStatisticsList();
    assertThat(day1).contains(row("/docs/a", "", 40, 20), suppressed("/docs/b", ""));
  }

  @Test
  void queryPageStatistics_pathPrefixOrderAndPaging() {
    QueryPageStatisticsRequest first = query(D1, D2, Granularity.GRANULARITY_TOTAL).setPathPrefix("/docs/")
        .setOrder(StatisticsOrder.STATISTICS_ORDER_UNIQUE_VISITORS_DESC).setPageSize(2).build();
    QueryPageStatisticsResponse page1 = operator.queryPageStatistics(first);
    assertThat(page1.getStatisticsList()).extracting(PageStatistic::getPath).containsExactly("/docs/a", "/docs/c");
    assertThat(page1.getNextPageToken()).isNotEmpty();
    QueryPageStatisticsResponse page2 = operator.queryPageStatistics(first.toBuilder().setPageToken(page1.getNextPageToken()).build());
    assertThat(page2.getStatisticsList()).extracting(PageStatistic::getPath).containsExactly("/docs/b");
    assertThat(page2.getNextPageToken()).isEmpty();

    assertThat(operator.queryPageStatistics(first.toBuilder().setPathPrefix("/docs/caf\u00e9").build()).getStatisticsList())
        .isEmpty(); // compared in the stored, percent-encoded form
    ErrorDetails misuse = failure(() -> operator.queryPageStatistics(first.toBuilder().setPathPrefix("/blog")
        .setPageToken(page1.getNextPageToken()).build()));
    assertThat(misuse.violatedFields()).containsExactly("page_token");
  }

  @Test
  void queryPageStatistics_badDatesOrPrefix_areFieldViolations() {
    assertThat(failure(() -> operator.queryPageStatistics(query(D2, D1, Granularity.GRANULARITY_DAY).build())).violatedFields())
        .containsExactly("end_date");
    assertThat(failure(() -> operator.queryPageStatistics(query("2026-02-30", D1, Granularity.GRANULARITY_DAY).build()))
        .violatedFields()).containsExactly("start_date");
    assertThat(failure(() -> operator.queryPageStatistics(query("2025-01-01", D1, Granularity.GRANULARITY_DAY).build()))
        .violatedFields()).containsExactly("end_date");
    assertThat(failure(() -> operator.queryPageStatistics(query(D1, D2, Granularity.GRANULARITY_DAY).setPathPrefix("docs").build()))
        .violatedFields()).containsExactly("path_prefix");
    assertThat(failure(() -> operator.queryPageStatistics(QueryPageStatisticsRequest.newBuilder().setProject("projects/acme").build()))
        .violatedFields()).containsExactlyInAnyOrder("start_date", "end_date");
  }

  @Test
  void P6_researchWithoutNoise_isPermissionDenied() {
    ErrorDetails error = failure(() -> researcher.queryPageStatistics(query(D1, D2, Granularity.GRANULARITY_DAY).build()));
    assertThat(error.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(error.reason()).isEqualTo("NOISY_MODE_REQUIRED");
    ErrorDetails referrers = failure(() -> researcher.queryReferrers(QueryReferrersRequest.newBuilder()
        .setProject("projects/acme").setStartDate(D1).setEndDate(D2).build()));
    assertThat(referrers.reason()).isEqualTo("NOISY_MODE_REQUIRED");
  }

  @Test
  void noisyQueries_spendTheDailyBudget_untilItIsExhausted() {
    String project = "projects/budgeted";
    QueryPageStatisticsRequest noisy = query(D1, D2, Granularity.GRANULARITY_DAY).setProject(project).setEpsilon(2).build();
    QueryPageStatisticsResponse answer = researcher.queryPageStatistics(noisy);
    assertThat(answer.getNoisy()).isTrue();
    assertThat(answer.getEpsilonSpent()).isEqualTo(2);
    assertThat(answer.getBudgetRemaining()).isEqualTo(1);
    assertThat(operator.getPrivacyBudget(GetPrivacyBudgetRequest.newBuilder().setProject(project).build()).getSpentEpsilon())
        .isEqualTo(2);
    ErrorDetails exhausted = failure(() -> researcher.queryPageStatistics(noisy));
    assertThat(exhausted.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(exhausted.reason()).isEqualTo("PRIVACY_BUDGET_EXHAUSTED");
    assertThat(exhausted.retryInfo()).isPresent();
    assertThat(harness.scrapeMetrics()).containsPattern("custody_analytics_privacy_budget_exhausted_total\\{[^}]*\\} [1-9]");
  }

  @Test
  void noisyQuery_answersEveryRow_withNoiseAroundTheTrueCounts() {
    QueryPageStatisticsResponse answer = researcher.queryPageStatistics(query(D1, D1, Granularity.GRANULARITY_DAY)
        .setProject("projects/acme").setEpsilon(1).setOrder(StatisticsOrder.STATISTICS_ORDER_PATH_ASC).build());
    assertThat(answer.getNoisy()).isTrue();
    assertThat(answer.getStatisticsList()).extracting(PageStatistic::getPath)
        .containsExactly("/blog", "/docs/a", "/docs/b", "/docs/c");
    PageStatistic docsA = answer.getStatistics(1);
    // epsilon/2 per measure: the noise's standard deviation is about 2.8; 40 and 20 are far above k.
    assertThat(docsA.getSuppressed()).isFalse();
    assertThat(docsA.getViews()).isBetween(20L, 60L);
  }

  @Test
  void queryReferrers_countHostsOnly_withSmallOnesSuppressed() {
    QueryReferrersResponse response = operator.queryReferrers(QueryReferrersRequest.newBuilder()
        .setProject("projects/acme").setStartDate(D1).setEndDate(D2).build());
    assertThat(response.getReferrersList()).containsExactly(
        ReferrerStatistic.newBuilder().setHost("news.example.org").setViews(51).setUniqueVisitors(31).build(),
        ReferrerStatistic.newBuilder().setHost("tiny.example.com").setViews(15).setUniqueVisitors(15).build());
    assertThat(harness.scrapeMetrics()).contains("custody_analytics_suppressed_rows_total{application=\"custody-analytics\",query=\"pages\"}");
  }
}
