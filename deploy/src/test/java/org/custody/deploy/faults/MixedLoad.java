package org.custody.deploy.faults;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.custody.deploy.process.LauncherProcess;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.PageView;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.VisitorHint;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.Evidence;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectList;

/**
 * Load a fault test drives through a running launcher: page-view batches (analytics) and
 * disclosure decisions (ledgered), each with its own {@code request_id} and a 5 s deadline. It
 * remembers which requests were acknowledged (and with what ledger index) and which failed; after
 * the fault, {@link #retryUnacknowledged} sends each failed one again with the same request_id
 * until it is acknowledged, as a client following the docs would. Then every request sent is
 * acknowledged, and the totals must be exact: nothing lost, nothing counted twice.
 */
final class MixedLoad implements AutoCloseable {
  static final int VIEWS_PER_BATCH = 10;
  static final String PROJECT = "projects/faults";

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final ConcurrentLinkedQueue<RecordPageViewsRequest> failedBatches = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<RequestDisclosureRequest> failedDecisions = new ConcurrentLinkedQueue<>();
  final AtomicLong batchesSent = new AtomicLong();
  final AtomicLong batchesAcknowledged = new AtomicLong();
  final AtomicLong decisionsSent = new AtomicLong();
  /** request_id → ledger index of every acknowledged decision. */
  final Map<String, Long> decisionIndexes = new ConcurrentHashMap<>();
  /** Where the load goes: a launcher process, or an in-process suite. */
  interface Target {
    int grpcPort(String service);

    String token(String caller);

    static Target of(LauncherProcess launcher) {
      return new Target() {
        @Override
        public int grpcPort(String service) {
          return launcher.grpcPort(service);
        }

        @Override
        public String token(String caller) {
          return launcher.token(caller);
        }
      };
    }

    static Target of(org.custody.deploy.Suite suite) {
      return new Target() {
        @Override
        public int grpcPort(String service) {
          return suite.grpcPort(service);
        }

        @Override
        public String token(String caller) {
          return suite.token(caller);
        }
      };
    }
  }

  private volatile Target launcher;
  private volatile ManagedChannel analytics;
  private volatile ManagedChannel disclosure;

  MixedLoad(LauncherProcess launcher) {
    target(launcher);
  }

  MixedLoad(Target target) {
    target(target);
  }

  /** Points the load (and retries) at a launcher, e.g. the one started after a fault. */
  synchronized void target(LauncherProcess next) {
    target(Target.of(next));
  }

  /** Points the load (and retries) elsewhere, e.g. another instance. */
  synchronized void target(Target next) {
    closeChannels();
    launcher = next;
    analytics = ManagedChannelBuilder.forAddress("127.0.0.1", next.grpcPort("analytics")).usePlaintext().build();
    disclosure = ManagedChannelBuilder.forAddress("127.0.0.1", next.grpcPort("disclosure")).usePlaintext().build();
  }

  void start(int ingestionThreads, int decisionThreads) {
    for (int i = 0; i < ingestionThreads; i++) {
      spawn("ingest-" + i, () -> {
        RecordPageViewsRequest batch = batch();
        batchesSent.incrementAndGet();
        if (!record(batch)) {
          failedBatches.add(batch);
          return false;
        }
        return true;
      });
    }
    for (int i = 0; i < decisionThreads; i++) {
      spawn("decide-" + i, () -> {
        RequestDisclosureRequest request = decision();
        decisionsSent.incrementAndGet();
        if (!decide(request)) {
          failedDecisions.add(request);
          return false;
        }
        return true;
      });
    }
  }

  /** Runs {@code step} until stopped, backing off 100 ms after a failure as a client would. */
  private void spawn(String name, java.util.function.BooleanSupplier step) {
    Thread t = new Thread(() -> {
      while (running.get()) {
        if (!step.getAsBoolean()) {
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "load-" + name);
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  /** Stops sending new requests; waits for the ones in flight. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(30_000);
    }
  }

  int unacknowledged() {
    return failedBatches.size() + failedDecisions.size();
  }

  /** Sends every failed request again with its request_id until acknowledged; returns how long it took. */
  Duration retryUnacknowledged(Duration atMost) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + atMost.toNanos();
    while (unacknowledged() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(unacknowledged() + " requests still unacknowledged after " + atMost);
      }
      RecordPageViewsRequest batch = failedBatches.poll();
      if (batch != null && !record(batch)) {
        failedBatches.add(batch);
        Thread.sleep(100);
      }
      RequestDisclosureRequest decision = failedDecisions.poll();
      if (decision != null && !decide(decision)) {
        failedDecisions.add(decision);
        Thread.sleep(100);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Today's page views of the load's project, as the analytics service counts them. */
  long viewsCounted() {
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    return AnalyticsServiceGrpc.newBlockingStub(analytics)
        .withCallCredentials(CallerCredentials.of(launcher.token("operator"), Purpose.SERVICE_IMPROVEMENT))
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .queryPageStatistics(org.custody.proto.analytics.v1.QueryPageStatisticsRequest.newBuilder().setProject(PROJECT)
            .setStartDate(today).setEndDate(today).setGranularity(org.custody.proto.analytics.v1.Granularity.GRANULARITY_TOTAL).build())
        .getStatisticsList().stream().mapToLong(row -> row.getViews()).sum();
  }

  private boolean record(RecordPageViewsRequest batch) {
    try {
      AnalyticsServiceGrpc.newBlockingStub(analytics)
          .withCallCredentials(CallerCredentials.of(launcher.token("frontend"), Purpose.SERVICE_IMPROVEMENT))
          .withDeadlineAfter(5, TimeUnit.SECONDS).recordPageViews(batch);
      batchesAcknowledged.incrementAndGet();
      return true;
    } catch (StatusRuntimeException | IllegalStateException e) {
      return false;
    }
  }

  private boolean decide(RequestDisclosureRequest request) {
    try {
      long index = DisclosureServiceGrpc.newBlockingStub(disclosure)
          .withCallCredentials(CallerCredentials.of(launcher.token("operator"), Purpose.SERVICE_PROVISION))
          .withDeadlineAfter(5, TimeUnit.SECONDS).requestDisclosure(request).getDisclosure().getLedgerIndex();
      Long earlier = decisionIndexes.putIfAbsent(request.getRequestId(), index);
      if (earlier != null && earlier != index) {
        throw new AssertionError("a retried decision got another ledger index: " + earlier + " then " + index);
      }
      return true;
    } catch (StatusRuntimeException | IllegalStateException e) {
      return false;
    }
  }

  private static RecordPageViewsRequest batch() {
    RecordPageViewsRequest.Builder batch = RecordPageViewsRequest.newBuilder().setProject(PROJECT)
        .setRequestId(UUID.randomUUID().toString());
    Instant now = Instant.now();
    for (int i = 0; i < VIEWS_PER_BATCH; i++) {
      batch.addViews(PageView.newBuilder().setUrl("https://support.example.com/docs/faults")
          .setViewTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
          .setVisitor(VisitorHint.newBuilder().setIpAddress("192.0.2." + (i + 1)).setUserAgent("Faults/" + i)));
    }
    return batch.build();
  }

  /** A commercial recipient: always DENIED (P7), and every decision is a ledger entry. */
  private static RequestDisclosureRequest decision() {
    return RequestDisclosureRequest.newBuilder().setRecipient("recipients/broker")
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder()
            .addSubjects(SubjectRef.newBuilder().setProject("projects/faults").setAccount("projects/faults/accounts/a1"))))
        .addCategories(DataCategory.DATA_CATEGORY_USER_NAME)
        .setPurpose(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION)
        .setBasis(DisclosureBasis.DISCLOSURE_BASIS_REQUESTED_SERVICE).setRecipientUse(RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY)
        .setEvidence(Evidence.newBuilder().setRequestReference("REQ-1"))
        .setRequestedBy("fault-test").setRequestId(UUID.randomUUID().toString()).build();
  }

  private void closeChannels() {
    if (analytics != null) {
      analytics.shutdownNow();
    }
    if (disclosure != null) {
      disclosure.shutdownNow();
    }
  }

  @Override
  public void close() {
    running.set(false);
    closeChannels();
  }
}
