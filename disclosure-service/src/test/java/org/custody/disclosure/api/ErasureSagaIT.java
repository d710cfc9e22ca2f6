package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.grpc.Status;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.CreateErasureRequest;
import org.custody.proto.disclosure.v1.CreateExportRequest;
import org.custody.proto.disclosure.v1.Erasure;
import org.custody.proto.disclosure.v1.ErasureState;
import org.custody.proto.disclosure.v1.GetErasureRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListConsentsRequest;
import org.custody.proto.disclosure.v1.ListErasuresRequest;
import org.custody.proto.disclosure.v1.ListErasuresResponse;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.ServiceErasure;
import org.custody.proto.disclosure.v1.ServiceErasureState;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Erasure (P13) as a durable saga across the real identity, billing and analytics services:
 * every service confirms (billing keeps invoices under legal retention), disclosure erases its
 * own records, the recipient that received the subject's data and the subject are told by mail
 * (GreenMail); a leaf outage and an orchestrator restart only delay it; the same request erases once.
 */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureSagaIT {
  /** A real clock: retries are due by the clock's time. */
  private static final java.time.Clock clock = org.custody.platform.server.ServiceRuntime.systemClock();
  private static DatabaseSettings database;
  private static TestLeaves leaves;
  private static GreenMail greenMail;
  private static ServiceHarness disclosure;
  private static LogCapture logs;
  private static final List<SeededSubject> seeded = new ArrayList<>();

  @BeforeAll
  static void start(DatabaseSettings db) {
    database = db;
    logs = LogCapture.start();
    leaves = TestLeaves.start(org.custody.platform.server.ServiceRuntime.systemClock());
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    disclosure = startDisclosure();
    SeededSubject.registerProjectAndCourt(leaves, disclosure, "wonder");
  }

  private static ServiceHarness startDisclosure() {
    return startDisclosure(leaves.targets());
  }

  private static ServiceHarness startDisclosure(Map<String, String> targets) {
    Map<String, String> env = new HashMap<>(targets);
    env.put("CUSTODY_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
    env.put("CUSTODY_ERASURE_POLL_INTERVAL", "200ms");
    env.put("CUSTODY_ERASURE_RETRY_DELAY", "100ms");
    env.put("CUSTODY_ERASURE_RETRY_MAX_DELAY", "500ms");
    return ServiceHarness.of(DisclosureTestServer.start(database, clock, env));
  }

  @AfterAll
  static void stop() {
    if (logs != null) {
      logs.close();
    }
    if (disclosure != null) {
      disclosure.close();
    }
    if (greenMail != null) {
      greenMail.stop();
    }
    if (leaves != null) {
      leaves.close();
    }
  }

  private static SeededSubject seed(String first) {
    SeededSubject s = SeededSubject.seed(leaves, disclosure, "wonder", first);
    seeded.add(s);
    return s;
  }

  private static SubjectRightsServiceGrpc.SubjectRightsServiceBlockingStub operator() {
    return disclosure.stub(SubjectRightsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SUBJECT_REQUEST);
  }

  private static CreateErasureRequest erasureOf(SubjectRef subject, String requestId) {
    return CreateErasureRequest.newBuilder().setSubject(subject).setRequestId(requestId).build();
  }

  private static Erasure get(Erasure e) {
    return operator().getErasure(GetErasureRequest.newBuilder().setName(e.getName()).build()).getErasure();
  }

  private static Erasure awaitCompleted(Erasure e) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(e).getState() == ErasureState.ERASURE_STATE_COMPLETED);
    return get(e);
  }

  private static ServiceErasure step(Erasure e, String service) {
    return e.getServicesList().stream().filter(s -> s.getService().equals(service)).findFirst().orElseThrow();
  }

  private static List<SubjectRecord> leafExport(String service, SubjectRef subject) {
    ServiceHarness leaf = switch (service) {
      case "identity" -> leaves.identity();
      case "billing" -> leaves.billing();
      default -> leaves.analytics();
    };
    try {
      return leaf.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, Purpose.SUBJECT_REQUEST)
          .exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject).build()).getRecordsList();
    } catch (io.grpc.StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      return List.of();
    }
  }

  private static List<MimeMessage> mailsTo(String address) throws Exception {
    List<MimeMessage> to = new ArrayList<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))) {
        to.add(m);
      }
    }
    return to;
  }

  private static String ledgerText() {
    return disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList().stream()
        .map(e -> e.getEntryType() + " " + e.getPayload().toStringUtf8()).reduce("", (a, b) -> a + "\n" + b);
  }

  /** The stored receipt address of an erasure (cleared once the receipt went out). */
  private static String receiptAddress(Erasure e) throws Exception {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        var statement = c.prepareStatement("SELECT receipt_address FROM erasures WHERE id = ?")) {
      statement.setString(1, e.getName().substring("erasures/".length()));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  /** The failure codes of the exports recorded FAILED (they hold no document). */
  private static List<String> failedExports() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        var statement = c.prepareStatement("SELECT failure, document FROM exports WHERE export_state = 'FAILED'");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        assertThat(rows.getString(2)).isNull();
        failures.add(rows.getString(1));
      }
    }
    return failures;
  }

  @Test
  @Order(1)
  void P13_erasureCompletesAcrossEveryServiceAndTellsRecipients() throws Exception {
    SeededSubject carol = seed("Carol");
    Erasure requested = operator().createErasure(erasureOf(carol.ref(), UUID.randomUUID().toString())).getErasure();
    assertThat(requested.getServicesList()).extracting(ServiceErasure::getService).containsExactly("identity", "billing", "analytics", "disclosure");
    assertThat(requested.getLedgerIndex()).isPositive();

    Erasure done = awaitCompleted(requested);
    assertThat(step(done, "identity").getState()).isEqualTo(ServiceErasureState.SERVICE_ERASURE_STATE_DONE);
    assertThat(step(done, "analytics").getState()).isEqualTo(ServiceErasureState.SERVICE_ERASURE_STATE_DONE);
    ServiceErasure billing = step(done, "billing");
    assertThat(billing.getState()).isEqualTo(ServiceErasureState.SERVICE_ERASURE_STATE_RETAINED);
    assertThat(billing.getReceipt().getRetainedList()).anySatisfy(r -> {
      assertThat(r.getKind()).isEqualTo("invoice");
      assertThat(r.getLegalBasis()).isNotEmpty();
      assertThat(r.hasPurgeTime()).isTrue();
      assertThat(r.getPurgeTime().getSeconds()).isGreaterThan(Instant.now().plus(Duration.ofDays(365)).getEpochSecond());
    });
    ServiceErasure own = step(done, "disclosure");
    assertThat(own.getState()).isEqualTo(ServiceErasureState.SERVICE_ERASURE_STATE_RETAINED);
    assertThat(own.getReceipt().getErasedList()).anySatisfy(i -> assertThat(i.getKind()).isEqualTo("consent"));
    assertThat(own.getReceipt().getRetainedList()).anySatisfy(i -> assertThat(i.getKind()).isEqualTo("ledger_entry"));
    assertThat(done.getServicesList()).allSatisfy(s -> assertThat(s.getReceipt().getReceiptId()).isNotEmpty());
    assertThat(done.getNotifiedRecipientsList()).containsExactly("recipients/court");
    assertThat(done.getCompleteLedgerIndex()).isGreaterThan(done.getLedgerIndex());

    // The court, which received Carol's data, is told; Carol gets her receipt.
    await().atMost(Duration.ofSeconds(20)).until(() -> !mailsTo(SeededSubject.COURT_ADDRESS).isEmpty() && !mailsTo(carol.email()).isEmpty());
    MimeMessage notice = mailsTo(SeededSubject.COURT_ADDRESS).get(0);
    assertThat(notice.getSubject()).startsWith("Erasure notice");
    assertThat((String) notice.getContent()).contains(carol.released().getName()).contains(done.getName()).contains("Article 19");
    MimeMessage receipt = mailsTo(carol.email()).get(0);
    assertThat(receipt.getSubject()).isEqualTo("Your data has been erased");
    assertThat((String) receipt.getContent()).contains("billing").contains("invoice").contains(done.getName()).contains(carol.name());
    // The address is forgotten once the receipt went out.
    await().atMost(Duration.ofSeconds(20)).until(() -> receiptAddress(done) == null);

    // Gone from every service.
    assertThat(leafExport("identity", carol.ref())).isEmpty();
    assertThat(leafExport("analytics", carol.ref())).isEmpty();
    List<SubjectRecord> billingLeft = leafExport("billing", carol.ref());
    assertThat(billingLeft).extracting(SubjectRecord::getKind).doesNotContain("billing_profile", "payment_method");
    assertThat(billingLeft.toString()).doesNotContain(carol.last4()).doesNotContain(carol.email());
    assertThat(disclosure.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SUBJECT_REQUEST)
        .listConsents(ListConsentsRequest.newBuilder().setSubject(carol.ref()).setIncludeInactive(true).build()).getConsentsList()).isEmpty();
    String ledger = ledgerText();
    assertThat(ledger).contains("erasure.requested").contains("erasure.confirmed").contains("erasure.completed").doesNotContain("@");

    // The gauges re-read the database at most every 5 s.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(disclosure.scrapeMetrics())
        .containsPattern("custody_erasure_sagas\\{[^}]*state=\"completed\"[^}]*} 1\\.0")
        .containsPattern("custody_erasure_saga_oldest_pending_age_seconds(\\{[^}]*})? 0\\.0"));
  }

  @Test
  @Order(2)
  void P13_concurrentDuplicatesOfAnErasure_allAnswerTheOneErasure() throws Exception {
    SeededSubject erin = seed("Erin");
    String requestId = UUID.randomUUID().toString();
    var names = org.custody.platform.testkit.ConcurrentDuplicates.answerAlike(4,
        () -> operator().createErasure(erasureOf(erin.ref(), requestId)).getErasure().getName());
    Erasure done = awaitCompleted(Erasure.newBuilder().setName(names.get(0)).build());
    assertThat(done.getServicesList()).allSatisfy(s -> assertThat(s.getAttempts()).isEqualTo(1));
  }

  @Test
  @Order(2)
  void P13_sameRequestTwiceErasesOnce() {
    SeededSubject dave = seed("Dave");
    String requestId = UUID.randomUUID().toString();
    Erasure first = operator().createErasure(erasureOf(dave.ref(), requestId)).getErasure();
    Erasure second = operator().createErasure(erasureOf(dave.ref(), requestId)).getErasure();
    assertThat(second.getName()).isEqualTo(first.getName());
    Erasure done = awaitCompleted(first);
    Erasure third = operator().createErasure(erasureOf(dave.ref(), requestId)).getErasure();
    assertThat(third.getName()).isEqualTo(first.getName());
    assertThat(third.getState()).isEqualTo(ErasureState.ERASURE_STATE_COMPLETED);
    assertThat(third.getServicesList()).isEqualTo(done.getServicesList());
    assertThat(third.getServicesList()).allSatisfy(s -> assertThat(s.getAttempts()).isEqualTo(1));
    String ledger = ledgerText();
    assertThat(ledger.lines().filter(l -> l.startsWith("erasure.") && l.contains(first.getName())).count())
        .as("erasure entries: requested, 3 confirmed, completed").isEqualTo(5);

    ErrorDetails reused = ErrorDetails.ofFailure(() -> operator().createErasure(erasureOf(seeded.get(0).ref(), requestId)));
    assertThat(reused.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(reused.reason()).isEqualTo("REQUEST_ID_REUSED");
  }

  @Test
  @Order(3)
  void P13_erasureRequestsAreValidatedAndListedNewestFirst() {
    SubjectRef someone = seeded.get(0).ref();
    ErrorDetails badId = ErrorDetails.ofFailure(() -> operator().createErasure(erasureOf(someone, "not-a-uuid")));
    assertThat(badId.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(badId.violatedFields()).contains("request_id");
    ErrorDetails noId = ErrorDetails.ofFailure(() -> operator().createErasure(CreateErasureRequest.newBuilder().setSubject(someone).build()));
    assertThat(noId.violatedFields()).contains("request_id");
    ErrorDetails noSubject = ErrorDetails.ofFailure(() -> operator().createErasure(CreateErasureRequest.newBuilder()
        .setRequestId(UUID.randomUUID().toString()).build()));
    assertThat(noSubject.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(noSubject.violatedFields()).contains("subject");
    ErrorDetails badName = ErrorDetails.ofFailure(() -> operator().getErasure(GetErasureRequest.newBuilder().setName("erasures/UPPER").build()));
    assertThat(badName.violatedFields()).contains("name");
    ErrorDetails unknown = ErrorDetails.ofFailure(() -> operator().getErasure(GetErasureRequest.newBuilder()
        .setName("erasures/" + UUID.randomUUID()).build()));
    assertThat(unknown.code()).isEqualTo(Status.Code.NOT_FOUND);
    // A subject's own request needs their fresh session.
    ErrorDetails frontend = ErrorDetails.ofFailure(() -> disclosure.stub(SubjectRightsServiceGrpc::newBlockingStub, TestCallers.FRONTEND,
        Purpose.SUBJECT_REQUEST).createErasure(erasureOf(someone, UUID.randomUUID().toString())));
    assertThat(frontend.reason()).isEqualTo("REAUTHENTICATION_REQUIRED");

    var lister = disclosure.stub(SubjectRightsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
    ListErasuresResponse page1 = lister.listErasures(ListErasuresRequest.newBuilder().setPageSize(1).build());
    assertThat(page1.getErasuresList()).hasSize(1);
    assertThat(page1.getNextPageToken()).isNotEmpty();
    ListErasuresResponse page2 = lister.listErasures(ListErasuresRequest.newBuilder().setPageSize(1).setPageToken(page1.getNextPageToken()).build());
    assertThat(page2.getErasuresList()).hasSize(1);
    assertThat(page1.getErasures(0).getCreateTime().getSeconds() * 1_000_000_000L + page1.getErasures(0).getCreateTime().getNanos())
        .isGreaterThanOrEqualTo(page2.getErasures(0).getCreateTime().getSeconds() * 1_000_000_000L + page2.getErasures(0).getCreateTime().getNanos());
    assertThat(page2.getErasures(0).getName()).isNotEqualTo(page1.getErasures(0).getName());
  }

  @Test
  @Order(4)
  void P13_erasureSurvivesALeafOutageAndAnOrchestratorRestart() throws Exception {
    SeededSubject erin = seed("Erin");
    leaves.stop("billing");

    // No partial export while a service is down.
    ErrorDetails export = ErrorDetails.ofFailure(() -> operator().createExport(CreateExportRequest.newBuilder().setSubject(erin.ref()).build()));
    assertThat(export.code()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(export.reason()).isEqualTo("LEAF_UNAVAILABLE");
    assertThat(failedExports()).containsExactly("LEAF_UNAVAILABLE (UNAVAILABLE)");

    Erasure requested = operator().createErasure(erasureOf(erin.ref(), UUID.randomUUID().toString())).getErasure();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> step(get(requested), "billing").getAttempts() >= 2);
    Erasure stuck = get(requested);
    assertThat(stuck.getState()).isEqualTo(ErasureState.ERASURE_STATE_IN_PROGRESS);
    ServiceErasure billing = step(stuck, "billing");
    assertThat(billing.getState()).isEqualTo(ServiceErasureState.SERVICE_ERASURE_STATE_PENDING);
    assertThat(billing.getLastFailure()).isEqualTo("LEAF_UNAVAILABLE (UNAVAILABLE)");
    assertThat(billing.hasNextAttemptTime()).isTrue();
    assertThat(step(stuck, "identity").getState()).isEqualTo(ServiceErasureState.SERVICE_ERASURE_STATE_DONE);
    assertThat(step(stuck, "disclosure").getState()).isEqualTo(ServiceErasureState.SERVICE_ERASURE_STATE_PENDING);
    // A second, different request for the subject returns the erasure in progress.
    Erasure again = operator().createErasure(erasureOf(erin.ref(), UUID.randomUUID().toString())).getErasure();
    assertThat(again.getName()).isEqualTo(requested.getName());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(disclosure.scrapeMetrics())
        .containsPattern("custody_erasure_sagas\\{[^}]*state=\"in_progress\"[^}]*} 1\\.0")
        .doesNotContainPattern("custody_erasure_saga_oldest_pending_age_seconds(\\{[^}]*})? 0\\.0"));

    // The orchestrator goes away; a new one on the same database takes over while billing is still down
    // (billing will come back on a port reserved now, which nothing listens on until then).
    int billingPort = freePort();
    Map<String, String> targets = new HashMap<>(Map.of(
        "CUSTODY_IDENTITY_TARGET", "127.0.0.1:" + leaves.identity().server().port(),
        "CUSTODY_ANALYTICS_TARGET", "127.0.0.1:" + leaves.analytics().server().port(),
        "CUSTODY_BILLING_TARGET", "127.0.0.1:" + billingPort));
    disclosure.close();
    disclosure = null;
    disclosure = startDisclosure(targets);
    int attemptsBefore = billing.getAttempts();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> step(get(requested), "billing").getAttempts() > attemptsBefore + 1);
    assertThat(get(requested).getState()).isEqualTo(ErasureState.ERASURE_STATE_IN_PROGRESS);

    // Billing comes back on its same database: the erasure finishes.
    leaves.restart("billing", billingPort);
    Erasure done = awaitCompleted(requested);
    ServiceErasure billingDone = step(done, "billing");
    assertThat(billingDone.getState()).isEqualTo(ServiceErasureState.SERVICE_ERASURE_STATE_RETAINED);
    assertThat(billingDone.getAttempts()).isGreaterThan(billing.getAttempts());
    assertThat(billingDone.getLastFailure()).isEmpty();
    assertThat(step(done, "identity").getAttempts()).isEqualTo(1);
    assertThat(done.getNotifiedRecipientsList()).containsExactly("recipients/court");
    await().atMost(Duration.ofSeconds(20)).until(() -> !mailsTo(erin.email()).isEmpty());
    assertThat(leafExport("billing", erin.ref())).extracting(SubjectRecord::getKind).doesNotContain("billing_profile", "payment_method");

    assertLogsNameNoSeededSubject();
  }

  /** Disclosure's log lines tell of the completed erasure without naming any seeded subject. */
  private static void assertLogsNameNoSeededSubject() {
    List<String> ours = logs.lines().stream().filter(l -> l.contains(" org.custody.disclosure.")).toList();
    assertThat(ours).anySatisfy(l -> assertThat(l).contains("erasure completed"));
    for (SeededSubject s : seeded) {
      assertThat(String.join("\n", ours)).doesNotContain(s.email()).doesNotContain(s.name()).doesNotContain(s.street());
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket reserved = new ServerSocket(0)) {
      return reserved.getLocalPort();
    }
  }
}
