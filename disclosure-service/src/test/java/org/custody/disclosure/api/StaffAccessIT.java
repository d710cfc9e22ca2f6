package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.disclosure.ledger.MerkleHash;
import org.custody.disclosure.ledger.ProofVerifier;
import org.custody.disclosure.ledger.SignedTreeHead;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.ListBillingProfilesRequest;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.CreateExportRequest;
import org.custody.proto.disclosure.v1.GetLedgerPublicKeyRequest;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListConsentsRequest;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.identity.v1.GetAccountRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 §5 across real services (gRPC over TCP, MariaDB): staff reads of one subject's data in
 * identity, billing and disclosure each append one {@code staff.accessed} ledger entry (subject
 * by ledger id, caller, method, purpose, categories; never the data), the front end's reads none;
 * the subject's export lists them with inclusion proofs that verify; with disclosure down the
 * leaves refuse staff reads.
 */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffAccessIT {
  private static final Path SCHEMA = Path.of("../docs/subject-export.schema.json");
  private static TestLeaves leaves;
  private static ServiceHarness disclosure;
  private static SeededSubject alice;

  @BeforeAll
  static void start(DatabaseSettings database) {
    leaves = TestLeaves.start(org.custody.platform.server.ServiceRuntime.systemClock());
    disclosure = ServiceHarness.of(DisclosureTestServer.start(database, new MutableClock(Instant.now()), leaves.targets()));
    SeededSubject.registerProjectAndCourt(leaves, disclosure, "wonder");
    alice = SeededSubject.seed(leaves, disclosure, "wonder", "Alice");
    // The leaves record staff reads with this disclosure service, each as itself.
    String target = "127.0.0.1:" + disclosure.server().port();
    leaves.restartWith("identity", Map.of("CUSTODY_DISCLOSURE_TARGET", target, "CUSTODY_CLIENT_TOKEN", TestCallers.token(TestCallers.IDENTITY)));
    leaves.restartWith("billing", Map.of("CUSTODY_DISCLOSURE_TARGET", target, "CUSTODY_CLIENT_TOKEN", TestCallers.token(TestCallers.BILLING)));
  }

  @AfterAll
  static void stop() {
    if (disclosure != null) {
      disclosure.close();
    }
    if (leaves != null) {
      leaves.close();
    }
  }

  private static List<LedgerEntry> staffEntriesAfter(long index) {
    return disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setStartIndex(index + 1).setPageSize(1000).build()).getEntriesList()
        .stream().filter(e -> e.getEntryType().equals("staff.accessed")).toList();
  }

  private static long lastIndex() {
    return disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList()
        .stream().mapToLong(LedgerEntry::getIndex).max().orElse(-1);
  }

  private static IdentityServiceGrpc.IdentityServiceBlockingStub identity(String caller) {
    return leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, caller, Purpose.SERVICE_PROVISION);
  }

  private static BillingServiceGrpc.BillingServiceBlockingStub billing(String caller) {
    return leaves.billing().stub(BillingServiceGrpc::newBlockingStub, caller, Purpose.BILLING);
  }

  @Test
  @Order(1)
  void P6_operatorReadsInIdentityAndBilling_appendOneStaffAccessEntryEach_withIdsAndCodesOnly() {
    long before = lastIndex();
    identity(TestCallers.OPERATOR).getAccount(GetAccountRequest.newBuilder().setName(alice.ref().getAccount()).build());
    billing(TestCallers.OPERATOR).listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(alice.ref().getAccount()).build());

    List<LedgerEntry> entries = staffEntriesAfter(before);
    assertThat(entries).hasSize(2);
    String identityEntry = entries.get(0).getPayload().toStringUtf8();
    assertThat(identityEntry).contains("\"subject\":\"" + alice.ref().getAccount() + "\"").contains("\"caller\":\"operator\"")
        .contains("\"method\":\"custody.identity.v1.IdentityService/GetAccount\"").contains("\"purpose\":\"SERVICE_PROVISION\"")
        .contains("user.name").contains("user.contact.email");
    String billingEntry = entries.get(1).getPayload().toStringUtf8();
    assertThat(billingEntry).contains("\"method\":\"custody.billing.v1.BillingService/ListBillingProfiles\"")
        .contains("\"purpose\":\"BILLING\"").contains("user.contact.address");
    for (LedgerEntry entry : entries) {
      assertThat(entry.getPayload().toStringUtf8()).doesNotContain("@").doesNotContain(alice.name()).doesNotContain(alice.street())
          .doesNotContain(alice.company());
    }
  }

  @Test
  @Order(2)
  void P6_frontendReadsOfTheirOwnData_appendNoStaffAccessEntry() {
    long before = lastIndex();
    String session = leaves.login(alice.ref().getProject(), alice.email(), SeededSubject.PASSWORD);
    TestSessions.withSession(identity(TestCallers.FRONTEND), session)
        .getAccount(GetAccountRequest.newBuilder().setName(alice.ref().getAccount()).build());
    TestSessions.withSession(billing(TestCallers.FRONTEND), session)
        .listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(alice.ref().getAccount()).build());

    assertThat(staffEntriesAfter(before)).isEmpty();
  }

  @Test
  @Order(3)
  void P6_disclosuresOwnStaffRead_isRecordedInProcess_andASubjectKnownByEmailAppearsByPseudonym() {
    long before = lastIndex();
    ConsentServiceGrpc.ConsentServiceBlockingStub consents =
        disclosure.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SUBJECT_REQUEST);
    consents.listConsents(ListConsentsRequest.newBuilder().setSubject(alice.ref()).build());
    consents.listConsents(ListConsentsRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject(alice.ref().getProject()).setEmail("walrus@wonder.example")).build());

    List<LedgerEntry> entries = staffEntriesAfter(before);
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).getPayload().toStringUtf8()).contains(alice.ref().getAccount())
        .contains("custody.disclosure.v1.ConsentService/ListConsents").contains("user.unique_id");
    assertThat(entries.get(1).getPayload().toStringUtf8()).contains(alice.ref().getProject() + "/emailSubjects/")
        .doesNotContain("walrus").doesNotContain("@");
  }

  @Test
  @Order(4)
  void P13_export_listsEveryStaffAccess_withAnInclusionProofThatVerifies() throws Exception {
    String document = exportOf(alice.ref());
    JsonNode root = new ObjectMapper().readTree(document);
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(SCHEMA)).validate(root)).isEmpty();

    List<JsonNode> accesses = new ArrayList<>();
    root.get("parts").get(3).get("records").forEach(r -> {
      if (r.get("kind").asText().equals("staff_access")) {
        accesses.add(r);
      }
    });
    // GetAccount, ListBillingProfiles and ListConsents by operators; none of the front end's reads.
    assertThat(accesses).hasSize(3);
    List<LedgerEntry> ledger = disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList();
    var publicKey = TreeHeadSigner.publicKey(disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .getLedgerPublicKey(GetLedgerPublicKeyRequest.getDefaultInstance()).getPublicKey().toByteArray());
    HexFormat hex = HexFormat.of();
    for (JsonNode access : accesses) {
      JsonNode proof = access.get("ledger_proof");
      long index = proof.get("leaf_index").asLong();
      LedgerEntry entry = ledger.stream().filter(e -> e.getIndex() == index).findFirst().orElseThrow();
      assertThat(entry.getEntryType()).isEqualTo("staff.accessed");
      byte[] leafHash = hex.parseHex(proof.get("leaf_hash").asText());
      assertThat(leafHash).isEqualTo(MerkleHash.leaf(entry.getPayload().toByteArray()));
      List<byte[]> path = new ArrayList<>();
      proof.get("audit_path").forEach(h -> path.add(hex.parseHex(h.asText())));
      JsonNode head = proof.get("tree_head");
      byte[] root256 = hex.parseHex(head.get("root_hash").asText());
      assertThat(ProofVerifier.verifyInclusion(index, proof.get("tree_size").asLong(), leafHash, path, root256)).isTrue();
      assertThat(ProofVerifier.verifyInclusion(index, proof.get("tree_size").asLong(), MerkleHash.leaf(new byte[] {1}), path, root256)).isFalse();
      SignedTreeHead signed = new SignedTreeHead(head.get("tree_size").asLong(), root256, Instant.parse(head.get("timestamp").asText()),
          hex.parseHex(head.get("signature").asText()), head.get("key_id").asText());
      assertThat(TreeHeadSigner.verify(signed, publicKey)).isTrue();
    }
    assertThat(accesses.get(0).toString()).contains("custody.identity.v1.IdentityService/GetAccount").contains("operator");
    // The schema is not vacuous: a staff access without its proof fails it.
    ((com.fasterxml.jackson.databind.node.ObjectNode) accesses.get(0)).remove("ledger_proof");
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(SCHEMA)).validate(root)).isNotEmpty();
  }

  /**
   * The subject's export, retried with the same request id while a leaf is UNAVAILABLE, as a
   * client does: disclosure's channels to the leaves restarted in {@link #start} reconnect with
   * backoff.
   */
  private static String exportOf(SubjectRef subject) throws InterruptedException {
    CreateExportRequest request = CreateExportRequest.newBuilder().setSubject(subject).setRequestId(UUID.randomUUID().toString()).build();
    long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        return disclosure.stub(org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc::newBlockingStub, TestCallers.OPERATOR,
            Purpose.SUBJECT_REQUEST).createExport(request).getExport().getDocument();
      } catch (io.grpc.StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > giveUp) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  @Test
  @Order(5)
  void P6_disclosureDown_staffReadsInTheLeavesAreRefusedUnavailable_frontendReadsAreNot() {
    disclosure.close();

    ErrorDetails identityError = ErrorDetails.ofFailure(
        () -> identity(TestCallers.OPERATOR).getAccount(GetAccountRequest.newBuilder().setName(alice.ref().getAccount()).build()));
    ErrorDetails billingError = ErrorDetails.ofFailure(() -> billing(TestCallers.OPERATOR)
        .listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(alice.ref().getAccount()).build()));

    assertThat(identityError.code()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(identityError.reason()).isEqualTo("STAFF_ACCESS_UNRECORDED");
    assertThat(identityError.domain()).isEqualTo("identity.custody");
    assertThat(billingError.code()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(billingError.reason()).isEqualTo("STAFF_ACCESS_UNRECORDED");
    assertThat(billingError.message()).doesNotContain(alice.ref().getAccount());
    String session = leaves.login(alice.ref().getProject(), alice.email(), SeededSubject.PASSWORD);
    assertThat(TestSessions.withSession(identity(TestCallers.FRONTEND), session)
        .getAccount(GetAccountRequest.newBuilder().setName(alice.ref().getAccount()).build()).getAccount().getName())
        .isEqualTo(alice.ref().getAccount());
  }
}
