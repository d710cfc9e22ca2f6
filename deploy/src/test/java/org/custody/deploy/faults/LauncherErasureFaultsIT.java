package org.custody.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.custody.deploy.MailCatcher;
import org.custody.deploy.process.LauncherProcess;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.proto.disclosure.v1.Erasure;
import org.custody.proto.disclosure.v1.ErasureState;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ServiceErasureState;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the real launcher while erasure sagas are being carried out (issue 15 §4), under
 * the mixed load of page views and ledgered decisions: the kill comes once an erasure is seen
 * half done (a leaf confirmed, another not yet). After the restart, requests that were not
 * acknowledged are sent again with their request_id, and every acknowledged erasure must
 * complete exactly once: COMPLETED, every service confirmed, one ledger entry per step, each
 * leaf's data gone, at most one receipt mail per subject — and the page views and decisions
 * of the load exact as well. The launcher's mail goes to a catcher in this test, so that what
 * was sent before the kill is still counted after it.
 */
class LauncherErasureFaultsIT {
  private static final Duration START = Duration.ofMinutes(3);
  /**
   * The bound on the time from the restart to every acknowledged erasure completed. A step a
   * killed runner held is taken again when its lease ends (twice the leaf call timeout plus
   * 10 s, 30 s by default); if the kill came while the leaf itself was erasing, the leaf's claim
   * on that request_id ends with the call's deadline plus 5 s (it was the 2-minute idempotency
   * lease before, and the erasure completed up to 2 minutes later).
   */
  private static final Duration RECOVERY = Duration.ofSeconds(90);
  private static final int SUBJECTS = 24;

  private Path home;
  private String dataDirArgument;
  private LauncherProcess launcher;
  private MailCatcher mail;
  private final List<ManagedChannel> channels = new java.util.ArrayList<>();

  @org.junit.jupiter.api.io.TempDir
  Path tmp;

  @BeforeEach
  void home() {
    home = tmp.resolve("home");
    dataDirArgument = "--datadir=" + home.resolve("mariadb").toAbsolutePath().normalize();
    mail = MailCatcher.start();
  }

  @AfterEach
  void stopEverything() {
    channels.forEach(ManagedChannel::shutdownNow);
    if (launcher != null) {
      launcher.close();
    }
    LauncherProcess.processesWith(dataDirArgument).forEach(ProcessHandle::destroyForcibly);
    mail.close();
  }

  private Map<String, String> environment() {
    return Map.of("CUSTODY_SMTP_HOST", "127.0.0.1", "CUSTODY_SMTP_PORT", String.valueOf(mail.port()),
        "CUSTODY_MAIL_POLL_INTERVAL", "1s");
  }

  @Test
  void kill9OfTheLauncher_duringErasureSagas_completesEveryAcknowledgedErasureExactlyOnce() throws Exception {
    launcher = LauncherProcess.startEmbedded(home, environment(), START);
    LauncherFaultsIT.registerBroker(launcher);
    try (MixedLoad load = new MixedLoad(launcher); ErasureLoad erasures = ErasureLoad.seed(MixedLoad.Target.of(launcher), SUBJECTS)) {
      load.start(2, 1);
      erasures.start(Duration.ofMillis(100));
      String halfDone = awaitAnErasureHalfDone(erasures);
      Instant killed = Instant.now();
      launcher.kill();
      load.stop();
      erasures.stop();
      System.out.printf("faults: kill -9 during erasure sagas: %d erasures acknowledged (%s half done at the kill), %d unacknowledged;"
          + " %d batches and %d decisions sent, %d unacknowledged%n", erasures.acknowledged.size(), halfDone,
          erasures.unacknowledged(), load.batchesSent.get(), load.decisionsSent.get(), load.unacknowledged());

      long restarting = System.nanoTime();
      launcher = LauncherProcess.startEmbedded(home, environment(), START);
      Duration start = Duration.ofNanos(System.nanoTime() - restarting);
      MixedLoad.Target target = MixedLoad.Target.of(launcher);
      erasures.target(target);
      load.target(launcher);
      Duration requested = erasures.retryUnacknowledged(Duration.ofSeconds(90));
      Duration completed = ErasureChecks.awaitCompleted(erasures, erasures.subjectOf.keySet(), RECOVERY);
      System.out.printf("faults: kill -9 during erasure sagas: launcher back in %d ms; every erasure request acknowledged %d ms"
          + " and every acknowledged erasure COMPLETED %d ms after that%n", start.toMillis(), requested.toMillis(),
          requested.plus(completed).toMillis());
      load.retryUnacknowledged(Duration.ofSeconds(90));

      LedgerEntries ledger = LedgerEntries.read(ledger());
      assertInterruptedMidSaga(erasures, ledger, killed);
      ErasureChecks.assertEachDoneOnce(erasures, ledger);
      ErasureChecks.assertGoneFromLeaves(target, erasures.subjectOf.values());
      assertAtMostOneReceiptEach(erasures);
      assertThat(load.viewsCounted()).as("page views: every batch once").isEqualTo(load.batchesSent.get() * MixedLoad.VIEWS_PER_BATCH);
      assertThat(ledger.count("disclosure.decided")).as("disclosure.decided entries: one per decision").isEqualTo(load.decisionsSent.get());
      assertThat(ledger().verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
    }
  }

  /** Polls the newest acknowledged erasures until one has a leaf confirmed and another not yet; returns its name. */
  private static String awaitAnErasureHalfDone(ErasureLoad erasures) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<String> names = List.copyOf(erasures.names);
      for (String name : names.subList(Math.max(0, names.size() - 3), names.size())) {
        Optional<Erasure> erasure = tryGet(erasures, name);
        if (erasure.isPresent() && isHalfDone(erasure.get())) {
          return name;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no erasure was seen half done within 60 s");
  }

  private static boolean isHalfDone(Erasure erasure) {
    long confirmed = erasure.getServicesList().stream().filter(s -> ErasureChecks.LEAVES.contains(s.getService()))
        .filter(s -> s.getState() != ServiceErasureState.SERVICE_ERASURE_STATE_PENDING).count();
    return erasure.getState() == ErasureState.ERASURE_STATE_IN_PROGRESS && confirmed >= 1 && confirmed < ErasureChecks.LEAVES.size();
  }

  private static Optional<Erasure> tryGet(ErasureLoad erasures, String name) {
    try {
      return Optional.of(erasures.get(name));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The test is about sagas the kill interrupted: at least one erasure was requested before the
   * kill and completed after it (the ledger's append times say when).
   */
  private static void assertInterruptedMidSaga(ErasureLoad erasures, LedgerEntries ledger, Instant killed) {
    long interrupted = erasures.subjectOf.keySet().stream().filter(name ->
        ledger.of("erasure.requested", "erasure", name).get(0).appendTime().isBefore(killed)
            && ledger.of("erasure.completed", "erasure", name).get(0).appendTime().isAfter(killed)).count();
    long halfDone = erasures.subjectOf.keySet().stream().filter(name ->
        ledger.of("erasure.confirmed", "erasure", name).stream().anyMatch(e -> e.appendTime().isBefore(killed))
            && ledger.of("erasure.confirmed", "erasure", name).stream().anyMatch(e -> e.appendTime().isAfter(killed))).count();
    System.out.printf("faults: kill -9 during erasure sagas: %d erasures requested before the kill completed after it,"
        + " %d of them with leaves confirmed on both sides of the kill%n", interrupted, halfDone);
    assertThat(interrupted).as("erasures the kill interrupted").isPositive();
  }

  /**
   * Each subject's receipt is sent at most once in this test's time: delivery is at least once,
   * but a message a killed process was sending is only sent again when its 5-minute lease ends.
   */
  private void assertAtMostOneReceiptEach(ErasureLoad erasures) throws InterruptedException {
    Thread.sleep(3000);  // three outbox polls: a duplicate, if any, would be sent by now
    long delivered = 0;
    for (ErasureLoad.Subject subject : erasures.subjectOf.values()) {
      long receipts = ErasureChecks.messagesTo(mail, subject.email(), ErasureChecks.RECEIPT_SUBJECT);
      assertThat(receipts).as("receipts to one subject").isLessThanOrEqualTo(1);
      delivered += receipts;
    }
    System.out.printf("faults: kill -9 during erasure sagas: %d of %d receipts delivered within the test, none twice%n", delivered,
        erasures.subjectOf.size());
  }

  private LedgerServiceGrpc.LedgerServiceBlockingStub ledger() {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", launcher.grpcPort("disclosure")).usePlaintext().build();
    channels.add(channel);
    return LedgerServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(CallerCredentials.of(launcher.token("operator"), Purpose.LEGAL_COMPLIANCE))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }
}
