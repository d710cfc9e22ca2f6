package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.disclosure.v1.CreateExportRequest;
import org.custody.proto.disclosure.v1.GetExportRequest;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.SubjectExport;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subject-access exports (P13) from the real identity, billing and analytics services plus the
 * disclosure service's own records: one document, every value labelled, valid against the
 * published schema, released through the ledger; the subject's own request needs a fresh session.
 */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubjectExportIT {
  private static final Path SCHEMA = Path.of("../docs/subject-export.schema.json");
  private static final MutableClock clock = new MutableClock(Instant.now());
  private static TestLeaves leaves;
  private static ServiceHarness disclosure;
  private static LogCapture logs;
  private static SeededSubject alice;
  private static SeededSubject bob;

  @BeforeAll
  static void start(DatabaseSettings database) {
    logs = LogCapture.start();
    leaves = TestLeaves.start(org.custody.platform.server.ServiceRuntime.systemClock());
    disclosure = ServiceHarness.of(DisclosureTestServer.start(database, clock, leaves.targets()));
    SeededSubject.registerProjectAndCourt(leaves, disclosure, "wonder");
    alice = SeededSubject.seed(leaves, disclosure, "wonder", "Alice");
    bob = SeededSubject.seed(leaves, disclosure, "wonder", "Bob");
  }

  @AfterAll
  static void stop() {
    if (logs != null) {
      logs.close();
    }
    if (disclosure != null) {
      disclosure.close();
    }
    if (leaves != null) {
      leaves.close();
    }
  }

  private static SubjectRightsServiceGrpc.SubjectRightsServiceBlockingStub rights(String caller) {
    return disclosure.stub(SubjectRightsServiceGrpc::newBlockingStub, caller, Purpose.SUBJECT_REQUEST);
  }

  private static String login(SeededSubject subject) {
    return leaves.identity().stub(SessionServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.AUTHENTICATION)
        .login(LoginRequest.newBuilder().setProject(subject.ref().getProject()).setEmail(subject.email())
            .setPassword(SeededSubject.PASSWORD).build()).getSessionToken();
  }

  @Test
  @Order(1)
  void P13_exportHoldsEverySeededValueFromAllFourServices() throws Exception {
    SubjectExport export = rights(TestCallers.OPERATOR).createExport(CreateExportRequest.newBuilder().setSubject(alice.ref())
        .setRequestId(UUID.randomUUID().toString()).build()).getExport();

    String document = export.getDocument();
    assertThat(document).contains(alice.values());
    assertThat(document).doesNotContain(bob.name()).doesNotContain(bob.email()).doesNotContain(bob.street());
    JsonNode root = new ObjectMapper().readTree(document);
    List<String> services = new ArrayList<>();
    root.get("parts").forEach(p -> services.add(p.get("service").asText()));
    assertThat(services).containsExactly("identity", "billing", "analytics", "disclosure");
    root.get("parts").forEach(p -> assertThat(p.get("records")).as(p.get("service").asText() + " holds records").isNotEmpty());
    // Every value is labelled with its data category.
    root.get("parts").forEach(p -> p.get("records").forEach(r -> r.get("fields").forEach(f ->
        assertThat(f.get("category").asText()).startsWith("user"))));
    JsonNode disclosureRecord = null;
    for (JsonNode r : root.get("parts").get(3).get("records")) {
      if (r.get("kind").asText().equals("disclosure")) {
        disclosureRecord = r;
      }
    }
    assertThat(disclosureRecord).isNotNull();
    assertThat(disclosureRecord.get("ledger_proof").get("tree_head").get("signature").asText()).isNotEmpty();

    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(SCHEMA));
    Set<ValidationMessage> problems = schema.validate(root);
    assertThat(problems).isEmpty();
    // The schema is not vacuous: a part without its service fails it.
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("parts").get(0)).remove("service");
    assertThat(schema.validate(root)).isNotEmpty();

    // The release to the subject is a ledger entry naming the export and the subject, never an address.
    LedgerEntry entry = disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList().stream()
        .filter(e -> e.getIndex() == export.getLedgerIndex()).findFirst().orElseThrow();
    assertThat(entry.getEntryType()).isEqualTo("export.released");
    assertThat(entry.getPayload().toStringUtf8()).contains(export.getName()).contains("DATA_SUBJECT").contains(alice.ref().getAccount())
        .doesNotContain("@");

    SubjectExport again = rights(TestCallers.OPERATOR).getExport(GetExportRequest.newBuilder().setName(export.getName()).build()).getExport();
    assertThat(again.getDocument()).isEqualTo(document);
    assertThat(again.getLedgerIndex()).isEqualTo(export.getLedgerIndex());
  }

  @Test
  @Order(2)
  void P13_sameExportRequestTwiceIsReleasedOnce() {
    CreateExportRequest request = CreateExportRequest.newBuilder().setSubject(bob.ref()).setRequestId(UUID.randomUUID().toString()).build();
    SubjectExport first = rights(TestCallers.OPERATOR).createExport(request).getExport();
    SubjectExport second = rights(TestCallers.OPERATOR).createExport(request).getExport();
    assertThat(second.getName()).isEqualTo(first.getName());
    assertThat(second.getLedgerIndex()).isEqualTo(first.getLedgerIndex());
  }

  @Test
  @Order(2)
  void P13_concurrentDuplicatesOfAnExport_allAnswerTheOneReleasedExport() throws Exception {
    CreateExportRequest request = CreateExportRequest.newBuilder().setSubject(bob.ref()).setRequestId(UUID.randomUUID().toString()).build();
    var answers = org.custody.platform.testkit.ConcurrentDuplicates.answerAlike(4,
        () -> rights(TestCallers.OPERATOR).createExport(request).getExport().getLedgerIndex());
    assertThat(answers.get(0)).isPositive();
  }

  @Test
  @Order(3)
  void P13_theSubjectsOwnRequestNeedsTheirFreshSession() {
    String aliceSession = login(alice);
    SubjectExport own = rights(TestCallers.FRONTEND).createExport(CreateExportRequest.newBuilder().setSubject(alice.ref())
        .setSessionToken(aliceSession).build()).getExport();
    assertThat(own.getDocument()).contains(alice.email());
    // Read back by an operator, or by the caller that asked with a session of the subject's (of any age).
    GetExportRequest getOwn = GetExportRequest.newBuilder().setName(own.getName()).build();
    assertThat(rights(TestCallers.OPERATOR).getExport(getOwn).getExport().getName()).isEqualTo(own.getName());
    String laterSession = login(alice);
    assertThat(rights(TestCallers.FRONTEND).getExport(getOwn.toBuilder().setSessionToken(laterSession).build()).getExport().getDocument())
        .isEqualTo(own.getDocument());
    // The name alone is not enough: every front-end request is the same caller.
    ErrorDetails nameOnly = ErrorDetails.ofFailure(() -> rights(TestCallers.FRONTEND).getExport(getOwn));
    assertThat(nameOnly.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(nameOnly.reason()).isEqualTo("REAUTHENTICATION_REQUIRED");
    ErrorDetails noSuchSession = ErrorDetails.ofFailure(() -> rights(TestCallers.FRONTEND).getExport(
        getOwn.toBuilder().setSessionToken("not-a-session-token").build()));
    assertThat(noSuchSession.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    // Another user's session sees no such export, exactly as for a name that does not exist.
    ErrorDetails bobReads = ErrorDetails.ofFailure(() -> rights(TestCallers.FRONTEND).getExport(
        getOwn.toBuilder().setSessionToken(login(bob)).build()));
    assertThat(bobReads.code()).isEqualTo(Status.Code.NOT_FOUND);
    ErrorDetails missing = ErrorDetails.ofFailure(() -> rights(TestCallers.FRONTEND).getExport(
        GetExportRequest.newBuilder().setName("exports/00000000-0000-0000-0000-000000000000").setSessionToken(login(bob)).build()));
    assertThat(missing.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(bobReads.message()).isEqualTo(missing.message());

    ErrorDetails noSession = ErrorDetails.ofFailure(() -> rights(TestCallers.FRONTEND).createExport(CreateExportRequest.newBuilder()
        .setSubject(alice.ref()).build()));
    assertThat(noSession.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(noSession.reason()).isEqualTo("REAUTHENTICATION_REQUIRED");

    ErrorDetails someoneElses = ErrorDetails.ofFailure(() -> rights(TestCallers.FRONTEND).createExport(CreateExportRequest.newBuilder()
        .setSubject(alice.ref()).setSessionToken(login(bob)).build()));
    assertThat(someoneElses.code()).isEqualTo(Status.Code.PERMISSION_DENIED);

    clock.advance(Duration.ofMinutes(11));
    ErrorDetails stale = ErrorDetails.ofFailure(() -> rights(TestCallers.FRONTEND).createExport(CreateExportRequest.newBuilder()
        .setSubject(alice.ref()).setSessionToken(aliceSession).build()));
    assertThat(stale.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(stale.reason()).isEqualTo("REAUTHENTICATION_REQUIRED");

    ErrorDetails helpdesk = ErrorDetails.ofFailure(() -> disclosure.stub(SubjectRightsServiceGrpc::newBlockingStub, TestCallers.HELPDESK,
        Purpose.SUBJECT_REQUEST).createExport(CreateExportRequest.newBuilder().setSubject(alice.ref()).build()));
    assertThat(helpdesk.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  @Order(4)
  void P13_noPersonalDataInLogs() {
    List<String> ours = logs.lines().stream().filter(l -> l.contains(" org.custody.disclosure.")).toList();
    assertThat(ours).anySatisfy(l -> assertThat(l).contains("subject export released"));
    for (SeededSubject s : List.of(alice, bob)) {
      assertThat(String.join("\n", ours)).doesNotContain(s.email()).doesNotContain(s.name()).doesNotContain(s.street())
          .doesNotContain(s.company());
    }
  }
}
