package org.custody.analytics.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.custody.analytics.budget.PrivacyBudget;
import org.custody.analytics.budget.PrivacyBudgets;
import org.custody.analytics.ingest.PageViewIngestion;
import org.custody.analytics.ingest.PathNormaliser;
import org.custody.analytics.ingest.RequestKey;
import org.custody.analytics.stats.AggregateStatistics;
import org.custody.analytics.stats.Granularity;
import org.custody.analytics.stats.RowOrder;
import org.custody.analytics.stats.StatisticsPage;
import org.custody.analytics.stats.StatisticsRequest;
import org.custody.platform.access.CallContext;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.idempotency.RequestFingerprints;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.GetPrivacyBudgetRequest;
import org.custody.proto.analytics.v1.GetPrivacyBudgetResponse;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.analytics.v1.QueryPageStatisticsResponse;
import org.custody.proto.analytics.v1.QueryReferrersRequest;
import org.custody.proto.analytics.v1.QueryReferrersResponse;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.RecordPageViewsResponse;
import org.custody.proto.analytics.v1.StreamPageViewsRequest;
import org.custody.proto.analytics.v1.StreamPageViewsResponse;

/** The AnalyticsService adapter: validate (done by the interceptor), one domain call, map. */
public final class AnalyticsGrpcService extends AnalyticsServiceGrpc.AnalyticsServiceImplBase {
  private static final String PROJECT = "projects/{project}";

  private final PageViewIngestion ingestion;
  private final AggregateStatistics statistics;
  private final PrivacyBudgets budgets;
  private final RequestFingerprints fingerprints;
  private final OffsetTokens offsets;

  /**
   * @param fingerprints how batch request ids are bound to their content: keyed, because a batch
   *     holds IP addresses, user agents and URLs, which a plain hash would let anyone guess back
   */
  public AnalyticsGrpcService(PageViewIngestion ingestion, AggregateStatistics statistics, PrivacyBudgets budgets,
      RequestFingerprints fingerprints, PageTokens pageTokens) {
    this.ingestion = ingestion;
    this.statistics = statistics;
    this.budgets = budgets;
    this.fingerprints = fingerprints;
    this.offsets = new OffsetTokens(pageTokens);
  }

  @Override
  public void recordPageViews(RecordPageViewsRequest request, StreamObserver<RecordPageViewsResponse> response) {
    String projectId = ResourceNames.id("project", request.getProject(), PROJECT);
    Optional<RequestKey> key = request.getRequestId().isEmpty()
        ? Optional.empty()
        : Optional.of(new RequestKey(request.getRequestId(), fingerprints.of(request)));
    int recorded = ingestion.record(projectId, PageViewMapper.toInputs(request.getViewsList()), key);
    reply(response, RecordPageViewsResponse.newBuilder().setRecordedCount(recorded).build());
  }

  /**
   * One message is read at a time (manual flow control): the next is requested only after the
   * previous batch is committed, so a batch is durable before the next is read. A failing batch
   * ends the stream with its error; the batches before it stay recorded.
   */
  @Override
  public StreamObserver<StreamPageViewsRequest> streamPageViews(StreamObserver<StreamPageViewsResponse> response) {
    ServerCallStreamObserver<StreamPageViewsResponse> call = (ServerCallStreamObserver<StreamPageViewsResponse>) response;
    call.disableAutoRequest();
    call.request(1);
    return new StreamObserver<>() {
      private long recorded;
      private boolean finished;

      @Override
      public void onNext(StreamPageViewsRequest batch) {
        if (finished) {
          return;
        }
        try {
          String projectId = ResourceNames.id("project", batch.getProject(), PROJECT);
          Optional<RequestKey> key = batch.getRequestId().isEmpty()
              ? Optional.empty()
              : Optional.of(new RequestKey(batch.getRequestId(), fingerprints.of(batch)));
          recorded += ingestion.record(projectId, PageViewMapper.toInputs(batch.getViewsList()), key);
        } catch (RuntimeException e) {
          finished = true;
          response.onError(e); // the error-mapping interceptor turns it into the client's status
          return;
        }
        call.request(1);
      }

      @Override
      public void onError(Throwable cancelled) {
        finished = true; // the client went away; what was committed stays committed
      }

      @Override
      public void onCompleted() {
        if (finished || call.isCancelled()) {
          return;
        }
        finished = true;
        reply(response, StreamPageViewsResponse.newBuilder().setRecordedCount(recorded).build());
      }
    };
  }

  @Override
  public void queryPageStatistics(QueryPageStatisticsRequest request, StreamObserver<QueryPageStatisticsResponse> response) {
    StatisticsRequest query = new StatisticsRequest(
        ResourceNames.id("project", request.getProject(), PROJECT),
        Dates.range(request.getStartDate(), request.getEndDate()),
        StatisticsMapper.granularity(request.getGranularity()),
        PathNormaliser.asciiOnly(request.getPathPrefix()),
        StatisticsMapper.order(request.getOrder()),
        request.getEpsilon(),
        PageTokens.size(request.getPageSize(), StatisticsMapper.DEFAULT_PAGE_SIZE),
        offsets.decode(request));
    StatisticsPage page = statistics.pages(query, CallContext.purpose());
    QueryPageStatisticsResponse.Builder builder = QueryPageStatisticsResponse.newBuilder()
        .setKThreshold(page.kThreshold())
        .setNoisy(page.noisy())
        .setEpsilonSpent(page.epsilonSpent())
        .setBudgetRemaining(page.budgetRemaining());
    page.rows().forEach(row -> builder.addStatistics(StatisticsMapper.page(row)));
    page.nextOffset().ifPresent(offset -> builder.setNextPageToken(offsets.encode(offset, request)));
    reply(response, builder.build());
  }

  @Override
  public void queryReferrers(QueryReferrersRequest request, StreamObserver<QueryReferrersResponse> response) {
    StatisticsRequest query = new StatisticsRequest(
        ResourceNames.id("project", request.getProject(), PROJECT),
        Dates.range(request.getStartDate(), request.getEndDate()),
        Granularity.TOTAL,
        "",
        RowOrder.VIEWS_DESC,
        request.getEpsilon(),
        PageTokens.size(request.getPageSize(), StatisticsMapper.DEFAULT_PAGE_SIZE),
        offsets.decode(request));
    StatisticsPage page = statistics.referrers(query, CallContext.purpose());
    QueryReferrersResponse.Builder builder = QueryReferrersResponse.newBuilder()
        .setKThreshold(page.kThreshold())
        .setNoisy(page.noisy())
        .setEpsilonSpent(page.epsilonSpent())
        .setBudgetRemaining(page.budgetRemaining());
    page.rows().forEach(row -> builder.addReferrers(StatisticsMapper.referrer(row)));
    page.nextOffset().ifPresent(offset -> builder.setNextPageToken(offsets.encode(offset, request)));
    reply(response, builder.build());
  }

  @Override
  public void getPrivacyBudget(GetPrivacyBudgetRequest request, StreamObserver<GetPrivacyBudgetResponse> response) {
    PrivacyBudget budget = budgets.today(ResourceNames.id("project", request.getProject(), PROJECT));
    reply(response, GetPrivacyBudgetResponse.newBuilder()
        .setDate(budget.date().toString())
        .setTotalEpsilon(budget.totalEpsilon())
        .setSpentEpsilon(budget.spentEpsilon())
        .setRemainingEpsilon(budget.remainingEpsilon())
        .build());
  }
}
