package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.disclosure.ledger.LedgerText;
import org.custody.disclosure.ledger.ProofVerifier;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.DatabaseCells;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.disclosure.v1.CreateErasureRequest;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.Disclosure;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.Erasure;
import org.custody.proto.disclosure.v1.ErasureState;
import org.custody.proto.disclosure.v1.Evidence;
import org.custody.proto.disclosure.v1.GetErasureRequest;
import org.custody.proto.disclosure.v1.GetInclusionProofRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.InclusionProof;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.NonDisclosureAgreement;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SignedTreeHead;
import org.custody.proto.disclosure.v1.SubjectList;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ledger holds no free text (issue 13, P13): canaries in every free-text field that reaches a
 * ledger entry (a decision's evidence references and requested-by, a recipient's NDA reference
 * and controlling entity) never appear in an entry's payload, only their HMAC-SHA256 commitments,
 * which the kept text and key open. After the subject's erasure no subject canary is left in any
 * text or blob column of the database, and the ledger still verifies, and its proofs too.
 */
@ExtendWith(FreshDatabase.class)
class LedgerTextsIT {
  private static final String CASE = "CANARYCASE7351";
  private static final String AUTHORITY = "CANARYAUTHORITY7352";
  private static final String REQUEST_REFERENCE = "CANARYREQUESTREF7353";
  private static final String REQUESTED_BY = "CANARYSTAFF7354";
  private static final String NDA = "CANARYNDA7355";
  private static final String CONTROLLER = "CANARYHOLDING7356";
  private static final List<String> SUBJECT_CANARIES = List.of(CASE, AUTHORITY, REQUEST_REFERENCE, REQUESTED_BY);
  private static final List<String> ALL_CANARIES = List.of(CASE, AUTHORITY, REQUEST_REFERENCE, REQUESTED_BY, NDA, CONTROLLER);

  private static DatabaseSettings database;
  private static TestLeaves leaves;
  private static GreenMail greenMail;
  private static ServiceHarness disclosure;

  @BeforeAll
  static void start(DatabaseSettings db) {
    database = db;
    leaves = TestLeaves.start(org.custody.platform.server.ServiceRuntime.systemClock());
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    Map<String, String> env = new HashMap<>(leaves.targets());
    env.put("CUSTODY_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
    env.put("CUSTODY_ERASURE_POLL_INTERVAL", "200ms");
    env.put("CUSTODY_ERASURE_RETRY_DELAY", "100ms");
    disclosure = ServiceHarness.of(DisclosureTestServer.start(database, org.custody.platform.server.ServiceRuntime.systemClock(), env));
    SeededSubject.registerProjectAndCourt(leaves, disclosure, "wonder");
  }

  @AfterAll
  static void stop() {
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

  @Test
  void P13_ledgerEntriesCommitToFreeText_andErasureLeavesNoCanary_whileTheLedgerStillVerifies() throws Exception {
    registerRecipients();
    SeededSubject alice = SeededSubject.seed(leaves, disclosure, "wonder", "Alice");
    Disclosure decided = discloseToCourt(alice);

    // In the ledger: commitments only; the kept texts and keys open them.
    List<LedgerEntry> entries = entries();
    String payloads = String.join("\n", entries.stream().map(e -> e.getPayload().toStringUtf8()).toList());
    for (String canary : ALL_CANARIES) {
      assertThat(payloads).as("ledger payloads").doesNotContain(canary);
    }
    LedgerEntry decision = entries.stream().filter(e -> e.getIndex() == decided.getLedgerIndex()).findFirst().orElseThrow();
    String decisionPayload = decision.getPayload().toStringUtf8();
    try (Connection db = jdbc(); Statement s = db.createStatement();
        ResultSet rows = s.executeQuery("SELECT field_path, text_value, hmac_key FROM ledger_texts WHERE entry_index = " + decided.getLedgerIndex())) {
      Map<String, String> opened = new HashMap<>();
      while (rows.next()) {
        String commitment = commitmentAt(decisionPayload, rows.getString(1));
        assertThat(LedgerText.opens(commitment, rows.getBytes(3), rows.getString(2))).as(rows.getString(1)).isTrue();
        assertThat(LedgerText.opens(commitment, rows.getBytes(3), rows.getString(2) + "x")).isFalse();
        opened.put(rows.getString(1), rows.getString(2));
      }
      assertThat(opened).containsEntry("evidence.caseReference", CASE).containsEntry("evidence.authority", AUTHORITY)
          .containsEntry("evidence.requestReference", REQUEST_REFERENCE).containsEntry("requestedBy", REQUESTED_BY);
    }

    // Erase the subject: no subject canary anywhere in the database.
    var rights = disclosure.stub(SubjectRightsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SUBJECT_REQUEST);
    Erasure erasure = rights.createErasure(CreateErasureRequest.newBuilder().setSubject(alice.ref())
        .setRequestId(UUID.randomUUID().toString()).build()).getErasure();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
        rights.getErasure(GetErasureRequest.newBuilder().setName(erasure.getName()).build()).getErasure().getState()
            == ErasureState.ERASURE_STATE_COMPLETED);
    try (Connection db = jdbc()) {
      for (String canary : SUBJECT_CANARIES) {
        assertThat(DatabaseCells.containing(db, canary)).as(canary).isEmpty();
      }
      // Text about no subject (the recipient's) stays in ordinary tables, never in the ledger.
      for (String canary : List.of(NDA, CONTROLLER)) {
        assertThat(DatabaseCells.containing(db, canary)).as(canary).isNotEmpty().noneMatch(cell -> cell.startsWith("ledger_entries."));
      }
    }

    assertLedgerAndEveryProofVerify();
  }

  /** A processor under NDA and an affiliate: texts about no subject, which stay outside the ledger. */
  private static void registerRecipients() {
    long now = System.currentTimeMillis() / 1000;
    disclosure.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("lab").setRecipient(Recipient.newBuilder()
            .setDisplayName("Fraud lab").setKind(RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA)
            .addPermittedPurposes(SeededSubject.FRAUD).addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME)
            .setNda(NonDisclosureAgreement.newBuilder().setReference(NDA)
                .setStartTime(Timestamp.newBuilder().setSeconds(now - 86_400)).setEndTime(Timestamp.newBuilder().setSeconds(now + 86_400 * 300))))
            .build());
    disclosure.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("sister").setRecipient(Recipient.newBuilder()
            .setDisplayName("Sister company").setKind(RecipientKind.RECIPIENT_KIND_AFFILIATE)
            .addPermittedPurposes(SeededSubject.FRAUD).addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME)
            .setControllingEntity(CONTROLLER)).build());
  }

  /** A disclosure of Alice's name to the court, with evidence texts the ledger must only commit to. */
  private static Disclosure discloseToCourt(SeededSubject alice) {
    return disclosure.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SECURITY_FRAUD)
        .requestDisclosure(RequestDisclosureRequest.newBuilder().setRecipient("recipients/court")
            .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder().addSubjects(alice.ref())))
            .addCategories(DataCategory.DATA_CATEGORY_USER_NAME)
            .setPurpose(SeededSubject.FRAUD).setBasis(DisclosureBasis.DISCLOSURE_BASIS_TERMS_OF_SERVICE)
            .setRecipientUse(RecipientUse.RECIPIENT_USE_LEGAL_PROCESS)
            .setEvidence(Evidence.newBuilder().setCaseReference(CASE).setAuthority(AUTHORITY).setRequestReference(REQUEST_REFERENCE))
            .setRequestedBy(REQUESTED_BY).setRequestId(UUID.randomUUID().toString()).build()).getDisclosure();
  }

  /** The ledger still verifies, and every entry's inclusion proof too. */
  private static void assertLedgerAndEveryProofVerify() {
    var ledger = disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
    var verification = ledger.verifyLedger(VerifyLedgerRequest.getDefaultInstance());
    assertThat(verification.getValid()).as(verification.getFailure()).isTrue();
    long size = verification.getTreeSize();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        ledger.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead().getTreeSize() >= size);
    SignedTreeHead head = ledger.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead();
    for (LedgerEntry entry : entries().subList(0, (int) head.getTreeSize())) {
      InclusionProof proof = ledger.getInclusionProof(GetInclusionProofRequest.newBuilder().setLeafIndex(entry.getIndex())
          .setTreeSize(head.getTreeSize()).build()).getProof();
      assertThat(ProofVerifier.verifyInclusion(proof.getLeafIndex(), proof.getTreeSize(), entry.getLeafHash().toByteArray(),
          proof.getHashesList().stream().map(ByteString::toByteArray).toList(), head.getRootHash().toByteArray())).isTrue();
    }
  }

  private static List<LedgerEntry> entries() {
    return disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList();
  }

  /** The hex commitment at a dotted path of a payload's JSON. */
  private static String commitmentAt(String payload, String path) {
    com.google.gson.JsonObject node = com.google.gson.JsonParser.parseString(payload).getAsJsonObject();
    for (String part : path.split("\\.")) {
      node = node.getAsJsonObject(part);
    }
    return node.get(LedgerText.COMMITMENT).getAsString();
  }

  private static Connection jdbc() throws Exception {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
