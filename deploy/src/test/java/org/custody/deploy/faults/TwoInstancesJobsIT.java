package org.custody.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.custody.deploy.MailCatcher;
import org.custody.deploy.Suite;
import org.custody.platform.access.Purpose;
import org.custody.proto.disclosure.v1.CreateExportRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of every service on the same databases, with what runs in the background (issue
 * 15 §5): erasure sagas requested through both disclosure instances (the same subjects through
 * both at once) are each carried out once, exports once per request_id, outbox mail of both
 * services (identity's address verifications, disclosure's erasure receipts) is delivered once
 * per message while both instances' dispatchers poll every 200 ms, and the periodic span
 * sealing and ledger verification of both instances leave exact totals and never fail. Both
 * suites share one clock, which the last test moves three days on so that a day of page views
 * closes and both sealers go for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesJobsIT {
  private static final String VERIFICATION_SUBJECT = "Confirm your e-mail address";
  private static final ShiftableClock clock = new ShiftableClock();
  private static MailCatcher mail;
  private static TwoSuites suites;
  private static Suite a;
  private static Suite b;

  @BeforeAll
  static void start() throws Exception {
    mail = MailCatcher.start();
    Map<String, String> env = Map.of("CUSTODY_SMTP_HOST", "127.0.0.1", "CUSTODY_SMTP_PORT", String.valueOf(mail.port()),
        "CUSTODY_MAIL_POLL_INTERVAL", "200ms", "CUSTODY_ERASURE_POLL_INTERVAL", "200ms", "CUSTODY_LEDGER_VERIFY_INTERVAL", "500ms",
        "CUSTODY_ANALYTICS_SPAN_SEAL_INTERVAL", "1s");
    suites = TwoSuites.start("custody-two-jobs-", env, clock);  // same databases, same secrets, same clock
    a = suites.a;
    b = suites.b;
  }

  @AfterAll
  static void stop() {
    if (suites != null) {
      suites.close();
    }
    if (mail != null) {
      mail.close();
    }
  }

  @Test
  @Order(1)
  void erasures_requestedThroughBothInstances_eachCarriedOutOnce_eachMessageDeliveredOnce() throws Exception {
    ErasureLoad onlyA = ErasureLoad.seed(MixedLoad.Target.of(a), 4);
    ErasureLoad onlyB = ErasureLoad.seed(MixedLoad.Target.of(b), 4);
    ErasureLoad shared = ErasureLoad.seed(MixedLoad.Target.of(a), 4);
    ErasureLoad sharedThroughB = ErasureLoad.sameSubjects(shared, MixedLoad.Target.of(b));
    List<ErasureLoad> loads = List.of(onlyA, onlyB, shared, sharedThroughB);
    try {
      loads.forEach(load -> load.start(Duration.ZERO));
      for (ErasureLoad load : loads) {
        load.awaitRequested();
        assertThat(load.unacknowledged()).as("erasure requests refused").isZero();
      }
      for (int i = 0; i < shared.subjects().size(); i++) {
        ErasureLoad.Subject subject = shared.subjects().get(i);
        assertThat(nameFor(sharedThroughB, subject)).as("the same subject through both instances: one erasure")
            .isEqualTo(nameFor(shared, subject));
      }
      for (ErasureLoad load : loads) {
        Duration took = ErasureChecks.awaitCompleted(load, load.subjectOf.keySet(), Duration.ofSeconds(90));
        System.out.printf("two instances: %d erasures completed (%d ms after the last request)%n", load.subjectOf.size(), took.toMillis());
      }
      LedgerEntries ledger = LedgerEntries.read(ledger(b));
      for (ErasureLoad load : loads) {
        ErasureChecks.assertEachDoneOnce(load, ledger);
        ErasureChecks.assertGoneFromLeaves(MixedLoad.Target.of(a), load.subjectOf.values());
      }
      List<ErasureLoad.Subject> everyone = new ArrayList<>();
      List.of(onlyA, onlyB, shared).forEach(load -> everyone.addAll(load.subjects()));
      assertEachDeliveredOnce(everyone, ledger(a));
    } finally {
      loads.forEach(ErasureLoad::close);
    }
  }

  private static String nameFor(ErasureLoad load, ErasureLoad.Subject subject) {
    return load.subjectOf.entrySet().stream().filter(e -> e.getValue().equals(subject)).map(Map.Entry::getKey).findFirst().orElseThrow();
  }

  /**
   * Every subject got one address verification (identity, at registration) and one erasure
   * receipt (disclosure), not more, while both instances of each service dispatch; the ledger
   * has one {@code mail.delivered} entry per receipt.
   */
  private static void assertEachDeliveredOnce(List<ErasureLoad.Subject> subjects, LedgerServiceGrpc.LedgerServiceBlockingStub ledger)
      throws InterruptedException {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> subjects.stream().allMatch(s ->
        ErasureChecks.messagesTo(mail, s.email(), ErasureChecks.RECEIPT_SUBJECT) > 0
            && ErasureChecks.messagesTo(mail, s.email(), VERIFICATION_SUBJECT) > 0));
    Thread.sleep(2000);  // ten more polls of each of the four dispatchers: a second delivery would be here by now
    for (ErasureLoad.Subject subject : subjects) {
      assertThat(ErasureChecks.messagesTo(mail, subject.email(), VERIFICATION_SUBJECT)).as("address verifications to one account")
          .isEqualTo(1);
      assertThat(ErasureChecks.messagesTo(mail, subject.email(), ErasureChecks.RECEIPT_SUBJECT)).as("erasure receipts to one subject")
          .isEqualTo(1);
    }
    LedgerEntries entries = LedgerEntries.read(ledger);
    long receiptsDelivered = entries.entries().stream()
        .filter(e -> e.type().equals("mail.delivered") && e.field("topic").filter("erasure-receipt"::equals).isPresent()).count();
    assertThat(receiptsDelivered).as("mail.delivered entries for erasure receipts").isEqualTo(subjects.size());
    System.out.printf("two instances: %d address verifications and %d erasure receipts, each delivered once%n", subjects.size(),
        subjects.size());
  }

  @Test
  @Order(2)
  void oneExportRequest_sentToBothInstancesAtOnce_isReleasedOnce() throws Exception {
    ErasureLoad.Subject subject = ErasureLoad.seed(MixedLoad.Target.of(a), 1).subjects().get(0);
    CreateExportRequest request = CreateExportRequest.newBuilder().setSubject(subject.ref()).setRequestId(UUID.randomUUID().toString())
        .build();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Suite through = i % 2 == 0 ? a : b;
      answers.add(threads.submit(() -> rights(through).createExport(request).getExport().getName()));
    }
    Set<String> names = ConcurrentHashMap.newKeySet();
    for (Future<String> answer : answers) {
      names.add(answer.get(60, TimeUnit.SECONDS));
    }
    threads.shutdown();
    assertThat(names).as("every copy answers the one export").hasSize(1);
    assertThat(LedgerEntries.read(ledger(a)).of("export.released", "export", names.iterator().next())).hasSize(1);
  }

  @Test
  @Order(3)
  void spanSealingAndVerification_byBothInstances_sealEachDayOnce_totalsExact_noRunFails() throws Exception {
    long views;
    try (MixedLoad throughA = new MixedLoad(MixedLoad.Target.of(a)); MixedLoad throughB = new MixedLoad(MixedLoad.Target.of(b))) {
      throughA.start(2, 0);
      throughB.start(2, 0);
      Thread.sleep(3000);
      throughA.stop();
      throughB.stop();
      throughA.retryUnacknowledged(Duration.ofSeconds(60));
      throughB.retryUnacknowledged(Duration.ofSeconds(60));
      views = (throughA.batchesSent.get() + throughB.batchesSent.get()) * MixedLoad.VIEWS_PER_BATCH;
      assertThat(throughA.viewsCounted()).as("views before the day closed").isEqualTo(views);

      // Three days later today is closed: both instances' sealers (every second) go for it.
      JobsProbe probe = new JobsProbe(a, b);
      long[] before = probe.mark("span-sealing", "success");
      clock.advance(Duration.ofDays(3));
      long moved = System.nanoTime();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(probe::todaySealed);
      long sealed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - moved);
      // Each instance's sealer ran at least twice since: the one that did not seal found the work done.
      await().atMost(Duration.ofSeconds(30)).until(() -> probe.runsOnEachSince("span-sealing", "success", before) >= 2);
      System.out.printf("two instances: today sealed %d ms after the clock moved three days; each instance's sealer ran at least"
          + " twice since, none failed%n", sealed);
      assertThat(throughB.viewsCounted()).as("views after both sealed the day").isEqualTo(views);
      assertThat(probe.runs("span-sealing", "failure")).as("failed sealing runs").isZero();
      assertThat(probe.runsOnEach("ledger-verification", "success")).as("ledger verifications on each instance").isPositive();
      assertThat(probe.runs("ledger-verification", "failure")).as("failed ledger verifications").isZero();
      assertThat(ledger(a).verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
    }
  }

  private static SubjectRightsServiceGrpc.SubjectRightsServiceBlockingStub rights(Suite suite) {
    return suites.stub(suite, "disclosure", SubjectRightsServiceGrpc::newBlockingStub, "operator", Purpose.SUBJECT_REQUEST,
        Duration.ofSeconds(60));
  }

  private static LedgerServiceGrpc.LedgerServiceBlockingStub ledger(Suite suite) {
    return suites.stub(suite, "disclosure", LedgerServiceGrpc::newBlockingStub, "operator", Purpose.LEGAL_COMPLIANCE,
        Duration.ofSeconds(60));
  }
}
