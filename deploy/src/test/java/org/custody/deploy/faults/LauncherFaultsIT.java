package org.custody.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.custody.deploy.process.LauncherProcess;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.Granularity;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.GetInclusionProofRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected from outside into the real launcher (its own process, its embedded MariaDB in
 * its own process on a free port) while a mixed load of page-view batches and ledgered decisions
 * runs through it (issue 15 §4): kill -9 of the launcher, SIGTERM, and the database paused then
 * killed. After each, the client retries what was not acknowledged with the same request_id, as
 * the docs tell it to, and the test checks that nothing acknowledged was lost and nothing was
 * applied twice (exact page-view totals, one ledger entry per decision, the ledger verifies, every
 * acknowledged ledger_index has an inclusion proof), and that recovery stayed within its bound.
 * Measured figures are printed with the prefix {@code faults:}.
 */
class LauncherFaultsIT {
  private static final Duration START = Duration.ofMinutes(3);
  /** The bound on the time from a fault's end (restart, resume) to every request acknowledged. */
  private static final Duration RECOVERY = Duration.ofSeconds(90);
  private static final Duration LOAD = Duration.ofSeconds(6);

  private final List<ManagedChannel> channels = new ArrayList<>();
  private Path home;
  private String dataDirArgument;
  private LauncherProcess launcher;

  /** Deleted after each test: it holds a MariaDB installation and data. */
  @org.junit.jupiter.api.io.TempDir
  Path tmp;

  @BeforeEach
  void home() throws Exception {
    home = tmp.resolve("home");
    dataDirArgument = "--datadir=" + home.resolve("mariadb").toAbsolutePath().normalize();
  }

  @AfterEach
  void stopEverything() {
    channels.forEach(ManagedChannel::shutdownNow);
    if (launcher != null) {
      launcher.close();
    }
    LauncherProcess.processesWith(dataDirArgument).forEach(ProcessHandle::destroyForcibly);
  }

  /** Heads signed at most once a minute under load: a kill leaves entries no head covers yet. */
  private static final Map<String, String> RARE_SIGNING = Map.of("CUSTODY_LEDGER_SIGN_INTERVAL", "60s");

  @Test
  void kill9OfTheLauncher_underIngestionAndDecisions_losesNothingAcknowledged_appliesNothingTwice() throws Exception {
    launcher = LauncherProcess.startEmbedded(home, RARE_SIGNING, START);
    registerBroker();
    try (MixedLoad load = new MixedLoad(launcher)) {
      load.start(2, 2);
      Thread.sleep(LOAD.toMillis());
      launcher.kill();
      load.stop();
      System.out.printf("faults: kill -9 under load: %d batches and %d decisions sent, %d unacknowledged%n",
          load.batchesSent.get(), load.decisionsSent.get(), load.unacknowledged());

      long restarting = System.nanoTime();
      launcher = LauncherProcess.startEmbedded(home, RARE_SIGNING, START);
      Duration start = Duration.ofNanos(System.nanoTime() - restarting);
      assertEveryAcknowledgedIndexIsProvable(load);
      load.target(launcher);
      Duration retried = load.retryUnacknowledged(RECOVERY);
      System.out.printf("faults: kill -9: launcher back in %d ms, every request acknowledged %d ms later%n",
          start.toMillis(), retried.toMillis());
      assertExactlyOnce(load);
    }
  }

  @Test
  void sigtermOfTheLauncher_underLoad_stopsCleanly_losesNothingAcknowledged() throws Exception {
    launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
    registerBroker();
    try (MixedLoad load = new MixedLoad(launcher)) {
      load.start(2, 1);
      Thread.sleep(LOAD.toMillis());
      long stopping = System.nanoTime();
      assertThat(launcher.terminate(Duration.ofSeconds(60))).as("exit status after SIGTERM").isEqualTo(143);
      System.out.printf("faults: SIGTERM under load: stopped in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
      load.stop();
      assertThat(LauncherProcess.processesWith(dataDirArgument)).as("mariadbd after SIGTERM").isEmpty();

      launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
      load.target(launcher);
      int unacknowledged = load.unacknowledged();
      Duration retried = load.retryUnacknowledged(RECOVERY);
      System.out.printf("faults: SIGTERM: %d batches and %d decisions sent, %d unacknowledged, retried in %d ms%n",
          load.batchesSent.get(), load.decisionsSent.get(), unacknowledged, retried.toMillis());
      assertExactlyOnce(load);
    }
  }

  @Test
  void databasePausedThenKilled_underLoad_callsFailFast_andRecover() throws Exception {
    launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
    registerBroker();
    ProcessHandle mariadbd = LauncherProcess.processesWith(dataDirArgument).stream()
        .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false)).findFirst().orElseThrow();
    try (MixedLoad load = new MixedLoad(launcher)) {
      load.start(2, 1);
      Thread.sleep(2000);
      signal(mariadbd, "STOP");
      try {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
            .until(() -> health("analytics") == ServingStatus.NOT_SERVING);
        long refused = timeARefusal();
        System.out.printf("faults: database paused: analytics NOT_SERVING, a call refused in %d ms%n", refused);
        assertThat(refused).as("ms to refuse while the database is paused").isLessThan(1000);
        Thread.sleep(3000);
      } finally {
        signal(mariadbd, "CONT");
      }
      long resumed = System.nanoTime();
      await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> health("analytics") == ServingStatus.SERVING
          && health("disclosure") == ServingStatus.SERVING);
      System.out.printf("faults: database resumed: SERVING again after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed));
      Thread.sleep(2000);

      mariadbd.destroyForcibly();
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .until(() -> health("disclosure") == ServingStatus.NOT_SERVING);
      Thread.sleep(1000);
      load.stop();
      // The launcher does not restart its database: an operator restarts the launcher.
      assertThat(launcher.terminate(Duration.ofSeconds(60))).isEqualTo(143);
      long restarting = System.nanoTime();
      launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
      load.target(launcher);
      Duration retried = load.retryUnacknowledged(RECOVERY);
      System.out.printf("faults: database killed: launcher restarted in %d ms, every request acknowledged %d ms later%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarting) - retried.toMillis(), retried.toMillis());
      assertExactlyOnce(load);
    }
  }

  private long timeARefusal() {
    long start = System.nanoTime();
    try {
      analyticsStub("operator").withDeadlineAfter(5, TimeUnit.SECONDS).queryPageStatistics(statistics());
      throw new AssertionError("a call succeeded while the database was paused");
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void signal(ProcessHandle process, String signal) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor()).isZero();
  }

  /** Within one sign interval of the restart, every decision acknowledged before the kill has a proof. */
  private void assertEveryAcknowledgedIndexIsProvable(MixedLoad load) {
    long highest = load.decisionIndexes.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    assertThat(highest).as("decisions acknowledged before the kill").isGreaterThanOrEqualTo(0);
    // The first answer the restarted service gives must be the proof: before the fix it was
    // INVALID_ARGUMENT ("invalid leaf_index") until the next write. Only transport errors of a
    // fresh channel are retried.
    long start = System.nanoTime();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
      try {
        return ledger().getInclusionProof(GetInclusionProofRequest.newBuilder().setLeafIndex(highest).build()).getProof()
            .getTreeSize() > highest;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE) {
          throw new AssertionError("no inclusion proof for an acknowledged ledger_index after the restart: " + e.getStatus(), e);
        }
        return false;
      }
    });
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("faults: kill -9: first answer after the restart is the inclusion proof of ledger_index %d (%d ms)%n", highest, took);
    for (long index : load.decisionIndexes.values()) {
      assertThat(ledger().getInclusionProof(GetInclusionProofRequest.newBuilder().setLeafIndex(index).build()).getProof().getTreeSize())
          .isGreaterThan(index);
    }
  }

  private void assertExactlyOnce(MixedLoad load) {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    long views = analyticsStub("operator").queryPageStatistics(statistics()).getStatisticsList().stream()
        .mapToLong(row -> row.getViews()).sum();
    assertThat(views).as("views counted: every batch sent, once (" + today + ")")
        .isEqualTo(load.batchesSent.get() * MixedLoad.VIEWS_PER_BATCH);
    assertThat(load.decisionIndexes).as("every decision acknowledged").hasSize((int) load.decisionsSent.get());
    assertThat(new HashSet<>(load.decisionIndexes.values())).as("one ledger index per decision").hasSize(load.decisionIndexes.size());
    long decided = 0;
    for (long from = 0; ; from += 1000) {
      var page = ledger().listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setStartIndex(from).setPageSize(1000).build());
      decided += page.getEntriesList().stream().filter(e -> e.getEntryType().equals("disclosure.decided")).count();
      if (page.getEntriesCount() < 1000) {
        break;
      }
    }
    assertThat(decided).as("disclosure.decided entries: one per decision").isEqualTo(load.decisionsSent.get());
    assertThat(ledger().verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
  }

  private QueryPageStatisticsRequest statistics() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    return QueryPageStatisticsRequest.newBuilder().setProject(MixedLoad.PROJECT).setStartDate(today).setEndDate(today)
        .setGranularity(Granularity.GRANULARITY_TOTAL).build();
  }

  private void registerBroker() {
    registerBroker(launcher);
  }

  /** The commercial recipient {@link MixedLoad}'s decisions name. */
  static void registerBroker(LauncherProcess launcher) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", launcher.grpcPort("disclosure")).usePlaintext().build();
    try {
      RecipientServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(CallerCredentials.of(launcher.token("operator"), Purpose.LEGAL_COMPLIANCE))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("broker").setRecipient(Recipient.newBuilder()
              .setDisplayName("Broker Ltd").setKind(RecipientKind.RECIPIENT_KIND_COMMERCIAL_ORGANISATION)
              .addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION)
              .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME)).build());
    } finally {
      channel.shutdownNow();
    }
  }

  private ServingStatus health(String service) {
    try {
      return HealthGrpc.newBlockingStub(channel(service)).withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    } catch (StatusRuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
  }

  private AnalyticsServiceGrpc.AnalyticsServiceBlockingStub analyticsStub(String caller) {
    return AnalyticsServiceGrpc.newBlockingStub(channel("analytics"))
        .withCallCredentials(CallerCredentials.of(launcher.token(caller), Purpose.SERVICE_IMPROVEMENT))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private LedgerServiceGrpc.LedgerServiceBlockingStub ledger() {
    return LedgerServiceGrpc.newBlockingStub(channel("disclosure"))
        .withCallCredentials(CallerCredentials.of(launcher.token("operator"), Purpose.LEGAL_COMPLIANCE))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private ManagedChannel channel(String service) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", launcher.grpcPort(service)).usePlaintext().build();
    channels.add(channel);
    return channel;
  }
}
