package org.custody.deploy.faults;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.custody.deploy.Suite;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.Granularity;
import org.custody.proto.analytics.v1.PageView;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.VisitorHint;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;

/**
 * The same request_id sent through two instances whose databases are on two Galera nodes, both
 * copies released at the same instant: both claims succeed on their own node, and the one
 * certified second is rolled back at commit (error 1213). Every copy must still answer — the
 * loser, run again, finds the winner's claim and answers what it answered — and the work must be
 * done once. Failed calls are collected with their status, not thrown.
 */
final class GaleraDuplicates implements AutoCloseable {
  /** Ten visitors per batch: a day with fewer than k visitors would be suppressed in the answer. */
  static final int VIEWS_PER_BATCH = 10;
  private static final String PROJECT = "projects/duplicates";

  private final Suite a;
  private final Suite b;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  GaleraDuplicates(Suite a, Suite b) {
    this.a = a;
    this.b = b;
  }

  /** {@code count} page-view batches, each sent through both analytics instances at once; returns count. */
  int pageViewBatchesThroughBothAtOnce(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      RecordPageViewsRequest batch = batch();
      bothAtOnce("RecordPageViews", suite -> analytics(suite, "frontend").recordPageViews(batch).getRecordedCount());
    }
    return count;
  }

  /** {@code count} projects, each CreateProject sent through both identity instances at once; returns count. */
  int projectsThroughBothAtOnce(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      CreateProjectRequest project = CreateProjectRequest.newBuilder().setProjectId("dup-" + UUID.randomUUID().toString().substring(0, 8))
          .setDisplayName("Duplicates").setRequestId(UUID.randomUUID().toString()).build();
      List<Object> answers = bothAtOnce("CreateProject", suite -> identity(suite).createProject(project).getProject().getName());
      if (answers.size() == 2 && !answers.get(0).equals(answers.get(1))) {
        failures.add("CreateProject answered two different projects");
      }
    }
    return count;
  }

  /** Runs {@code call} through a and b released together; returns the answers of the copies that succeeded. */
  private List<Object> bothAtOnce(String method, Function<Suite, Object> call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> copies = new ArrayList<>();
    for (Suite suite : List.of(a, b)) {
      copies.add(threads.submit(() -> {
        go.await();
        return call.apply(suite);
      }));
    }
    go.countDown();
    List<Object> answers = new ArrayList<>();
    for (Future<Object> copy : copies) {
      try {
        answers.add(copy.get(60, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException e) {
        failures.add(method + ": " + (e.getCause() instanceof StatusRuntimeException s ? s.getStatus() : e.getCause()));
      }
    }
    return answers;
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  long viewsCounted() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    return analytics(a, "operator").queryPageStatistics(QueryPageStatisticsRequest.newBuilder().setProject(PROJECT).setStartDate(today)
        .setEndDate(today).setGranularity(Granularity.GRANULARITY_TOTAL).build())
        .getStatisticsList().stream().mapToLong(row -> row.getViews()).sum();
  }

  private static RecordPageViewsRequest batch() {
    RecordPageViewsRequest.Builder batch = RecordPageViewsRequest.newBuilder().setProject(PROJECT).setRequestId(UUID.randomUUID().toString());
    Instant now = Instant.now();
    for (int i = 0; i < VIEWS_PER_BATCH; i++) {
      batch.addViews(PageView.newBuilder().setUrl("https://support.example.com/docs/duplicates")
          .setViewTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
          .setVisitor(VisitorHint.newBuilder().setIpAddress("198.51.100." + (i + 1)).setUserAgent("Duplicates/" + i)));
    }
    return batch.build();
  }

  private AnalyticsServiceGrpc.AnalyticsServiceBlockingStub analytics(Suite suite, String caller) {
    return AnalyticsServiceGrpc.newBlockingStub(channel(suite, "analytics"))
        .withCallCredentials(CallerCredentials.of(suite.token(caller), Purpose.SERVICE_IMPROVEMENT))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private IdentityServiceGrpc.IdentityServiceBlockingStub identity(Suite suite) {
    return IdentityServiceGrpc.newBlockingStub(channel(suite, "identity"))
        .withCallCredentials(CallerCredentials.of(suite.token("operator"), Purpose.SERVICE_PROVISION))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private synchronized ManagedChannel channel(Suite suite, String service) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", suite.grpcPort(service)).usePlaintext().build();
    channels.add(channel);
    return channel;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    channels.forEach(ManagedChannel::shutdownNow);
  }
}
