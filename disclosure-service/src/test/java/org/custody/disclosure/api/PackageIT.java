package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_ADDRESS;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_DEVICE_COOKIE_ID;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_NAME;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_UNIQUE_ID;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_WORKPLACE;

import com.google.protobuf.ByteString;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.disclosure.ledger.ProofVerifier;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.platform.access.Purpose;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CardBrand;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.CreatePaymentMethodRequest;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.DecisionOutcome;
import org.custody.proto.disclosure.v1.Disclosure;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureRecord;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.Evidence;
import org.custody.proto.disclosure.v1.FetchDisclosurePackageRequest;
import org.custody.proto.disclosure.v1.FetchDisclosurePackageResponse;
import org.custody.proto.disclosure.v1.GetDisclosureRequest;
import org.custody.proto.disclosure.v1.GetLedgerPublicKeyRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListDisclosuresRequest;
import org.custody.proto.disclosure.v1.ListDisclosuresResponse;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.ListTransferNoticesRequest;
import org.custody.proto.disclosure.v1.NoticeDeliveryState;
import org.custody.proto.disclosure.v1.ReevaluateDisclosureRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectList;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.awaitility.Awaitility.await;

/**
 * Packages assembled from the real identity, billing and analytics services: only the allowed
 * categories, released once, before expiry, recorded in the ledger and shown to the subject with a
 * proof; a corporate transfer notified through identity's addresses; a leaf down fails cleanly.
 */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageIT {
  private static final org.custody.proto.common.v1.Purpose FRAUD = org.custody.proto.common.v1.Purpose.PURPOSE_SECURITY_FRAUD;
  private static final org.custody.proto.common.v1.Purpose SERVICE = org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION;
  private static final String ALICE_NAME = "Alice Liddell";
  private static final String ALICE_EMAIL = "alice@wonder.example";
  private static final MutableClock clock = new MutableClock(Instant.now());
  private static TestLeaves leaves;
  private static GreenMail greenMail;
  private static ServiceHarness disclosure;
  private static SubjectRef alice;
  /** Alice's session, from logging in with identity: the front end acts for her with it. */
  private static String aliceSession;
  private static LogCapture logs;

  @BeforeAll
  static void start(DatabaseSettings database) {
    logs = LogCapture.start();
    leaves = TestLeaves.start(org.custody.platform.server.ServiceRuntime.systemClock());
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    Map<String, String> env = new HashMap<>(leaves.targets());
    env.put("CUSTODY_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
    disclosure = ServiceHarness.of(DisclosureTestServer.start(database, clock, env));

    leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .createProject(CreateProjectRequest.newBuilder().setProjectId("wonder").setDisplayName("Wonderland support").build());
    String account = leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION)
        .createAccount(CreateAccountRequest.newBuilder().setParent("projects/wonder").setFullName(ALICE_NAME).setCompany("Looking Glass Ltd")
            .setEmail(ALICE_EMAIL).setPassword("curiouser and curiouser 1865").build()).getAccount().getName();
    alice = SubjectRef.newBuilder().setProject("projects/wonder").setAccount(account).build();
    aliceSession = leaves.login("projects/wonder", ALICE_EMAIL, "curiouser and curiouser 1865");
    var billing = TestSessions.withSession(leaves.billing().stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.BILLING),
        aliceSession);
    billing.createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account).setBillingProfile(BillingProfile.newBuilder()
        .setBillingName(ALICE_NAME).setCompany("Looking Glass Ltd").setBillingEmail(ALICE_EMAIL)
        .setAddress(PostalAddress.newBuilder().addAddressLines("1 Rabbit Hole").setLocality("Oxford").setPostalCode("OX1 1AA")
            .setRegionCode("GB"))).build());
    billing.createPaymentMethod(CreatePaymentMethodRequest.newBuilder().setParent(account).setProcessor("stripe")
        .setProcessorToken("tok_secret_4242").setBrand(CardBrand.CARD_BRAND_VISA).setLast4("4242").setExpMonth(12).setExpYear(2031)
        .build());

    var recipients = disclosure.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
    recipients.createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("court").setRecipient(Recipient.newBuilder()
        .setDisplayName("Regional Court").setKind(RecipientKind.RECIPIENT_KIND_PUBLIC_AUTHORITY)
        .addPermittedPurposes(FRAUD).addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_LEGAL_COMPLIANCE)
        .addAllPermittedCategories(List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL, DATA_CATEGORY_USER_CONTACT_ADDRESS,
            DATA_CATEGORY_USER_FINANCIAL, DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD, DATA_CATEGORY_USER_DEVICE_COOKIE_ID,
            DATA_CATEGORY_USER_UNIQUE_ID, DATA_CATEGORY_USER_WORKPLACE))).build());
    recipients.createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("buyer").setRecipient(Recipient.newBuilder()
        .setDisplayName("Buyer Holdings plc").setKind(RecipientKind.RECIPIENT_KIND_ACQUIRER).addPermittedPurposes(SERVICE)
        .addPermittedCategories(DATA_CATEGORY_USER_NAME).addPermittedCategories(DATA_CATEGORY_USER_CONTACT_EMAIL)).build());
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

  private static DisclosureServiceGrpc.DisclosureServiceBlockingStub operator(org.custody.proto.common.v1.Purpose purpose) {
    return disclosure.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.fromProto(purpose));
  }

  private static Disclosure termsOfServiceCase(List<DataCategory> categories) {
    return operator(FRAUD).requestDisclosure(RequestDisclosureRequest.newBuilder().setRecipient("recipients/court")
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder().addSubjects(alice))).addAllCategories(categories)
        .setPurpose(FRAUD).setBasis(DisclosureBasis.DISCLOSURE_BASIS_TERMS_OF_SERVICE).setRecipientUse(RecipientUse.RECIPIENT_USE_LEGAL_PROCESS)
        .setEvidence(Evidence.newBuilder().setCaseReference("TOS-2026-17").setAuthority("Trust and Safety board"))
        .setRequestedBy("operator-3").setRequestId(UUID.randomUUID().toString()).build()).getDisclosure();
  }

  private static FetchDisclosurePackageResponse fetch(Disclosure d) {
    return operator(d.getPurpose()).fetchDisclosurePackage(FetchDisclosurePackageRequest.newBuilder().setName(d.getName()).build());
  }

  private static long ledgerSize() {
    return disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getTreeSize();
  }

  @Test
  @Order(1)
  void P9_package_neverContainsACategoryThatWasNotAllowed() {
    Disclosure d = termsOfServiceCase(List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL, DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD,
        DATA_CATEGORY_USER_CONTACT_ADDRESS, DATA_CATEGORY_USER_FINANCIAL));
    assertThat(d.getAllowedCategoriesList()).containsExactly(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL);

    FetchDisclosurePackageResponse pkg = fetch(d);
    assertThat(pkg.getCategoriesList()).containsExactly(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL);
    assertThat(pkg.getSubjectsList()).singleElement().satisfies(s -> assertThat(s.getSubject()).isEqualTo(alice));
    List<SubjectRecord> records = pkg.getSubjects(0).getExportsList().stream().flatMap(e -> e.getRecordsList().stream()).toList();
    List<SubjectField> fields = records.stream().flatMap(r -> r.getFieldsList().stream()).toList();
    assertThat(fields).isNotEmpty().allSatisfy(f -> assertThat(f.getCategory()).isIn(Set.copyOf(d.getAllowedCategoriesList())));
    assertThat(fields).extracting(SubjectField::getValue).contains(ALICE_NAME, ALICE_EMAIL);
    assertThat(records).allSatisfy(r -> assertThat(r.getName()).as("record names are unique ids, not allowed here").isEmpty());
    assertThat(pkg.getSubjects(0).getExportsList()).extracting(e -> e.getService()).containsExactly("identity", "billing", "analytics");
    assertThat(pkg.toString()).doesNotContain("4242").doesNotContain("tok_secret").doesNotContain("Rabbit").doesNotContain("Oxford")
        .doesNotContain("Looking Glass");

    Disclosure released = operator(FRAUD).getDisclosure(GetDisclosureRequest.newBuilder().setName(d.getName()).build()).getDisclosure();
    assertThat(released.getReleased()).isTrue();
    LedgerEntry entry = disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setStartIndex(pkg.getLedgerIndex()).setPageSize(1).build()).getEntries(0);
    assertThat(entry.getEntryType()).isEqualTo("disclosure.released");
    assertThat(entry.getPayload().toStringUtf8()).contains(d.getName()).contains(alice.getAccount()).doesNotContain("@");
  }

  @Test
  @Order(2)
  void fetchPackage_isReleasedOnlyOnce() {
    Disclosure d = termsOfServiceCase(List.of(DATA_CATEGORY_USER_NAME));
    fetch(d);
    long size = ledgerSize();
    assertThatThrownBy(() -> fetch(d)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("PACKAGE_ALREADY_RELEASED");
    });
    assertThat(ledgerSize()).isEqualTo(size);
  }

  @Test
  @Order(3)
  void listDisclosures_showsTheSubjectWhoGotWhat_withAnInclusionProofTheyCanCheck() throws Exception {
    var asAlice = TestSessions.withSession(disclosure.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SUBJECT_REQUEST),
        aliceSession);
    ListDisclosuresResponse listed = asAlice.listDisclosures(ListDisclosuresRequest.newBuilder().setSubject(alice).build());
    assertThat(listed.getDisclosuresCount()).isGreaterThanOrEqualTo(2);
    var ledger = disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SUBJECT_REQUEST);
    var key = TreeHeadSigner.publicKey(ledger.getLedgerPublicKey(GetLedgerPublicKeyRequest.getDefaultInstance()).getPublicKey().toByteArray());
    for (DisclosureRecord record : listed.getDisclosuresList()) {
      assertThat(record.getDisclosure().getRecipient()).isEqualTo("recipients/court");
      assertThat(record.getDisclosure().getBasis()).isEqualTo(DisclosureBasis.DISCLOSURE_BASIS_TERMS_OF_SERVICE);
      assertThat(record.getDisclosure().getReleased()).isTrue();
      var head = record.getTreeHead();
      assertThat(TreeHeadSigner.verify(new org.custody.disclosure.ledger.SignedTreeHead(head.getTreeSize(), head.getRootHash().toByteArray(),
          ProtoTimes.instant(head.getTimestamp()), head.getSignature().toByteArray(), head.getKeyId()), key)).isTrue();
      var proof = record.getProof();
      assertThat(ProofVerifier.verifyInclusion(proof.getLeafIndex(), proof.getTreeSize(), proof.getLeafHash().toByteArray(),
          proof.getHashesList().stream().map(ByteString::toByteArray).toList(), head.getRootHash().toByteArray())).isTrue();
      LedgerEntry entry = disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
          .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setStartIndex(proof.getLeafIndex()).setPageSize(1).build()).getEntries(0);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((byte) 0);
      assertThat(sha.digest(entry.getPayload().toByteArray())).isEqualTo(proof.getLeafHash().toByteArray());
      assertThat(entry.getPayload().toStringUtf8()).contains("\"type\":\"disclosure.released\"").contains(record.getDisclosure().getName());
    }
    // Alice's session opens only her own list (P6, issue 13 §4).
    assertThat(ErrorDetails.ofFailure(() -> asAlice.listDisclosures(ListDisclosuresRequest.newBuilder().setSubject(SubjectRef.newBuilder()
        .setProject("projects/wonder").setAccount("projects/wonder/accounts/nobody")).build())).reason()).isEqualTo("SUBJECT_MISMATCH");
  }

  @Test
  @Order(4)
  void fetchPackage_afterTheDecisionExpired_isRefused() {
    Disclosure d = termsOfServiceCase(List.of(DATA_CATEGORY_USER_NAME));
    clock.advance(Duration.ofDays(7).plusSeconds(1));
    assertThatThrownBy(() -> fetch(d)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("DISCLOSURE_EXPIRED");
    });
  }

  @Test
  @Order(5)
  void P10_transferOfAProjectSite_notifiesItsAccountsByEmail_thenReleasesOnlyTheirAllowedData() throws Exception {
    Disclosure pending = operator(SERVICE).requestDisclosure(RequestDisclosureRequest.newBuilder().setRecipient("recipients/buyer")
        .setScope(DisclosureScope.newBuilder().setProject("projects/wonder"))
        .addCategories(DATA_CATEGORY_USER_NAME).addCategories(DATA_CATEGORY_USER_CONTACT_EMAIL).addCategories(DATA_CATEGORY_USER_FINANCIAL)
        .setPurpose(SERVICE).setBasis(DisclosureBasis.DISCLOSURE_BASIS_CORPORATE_TRANSACTION)
        .setRecipientUse(RecipientUse.RECIPIENT_USE_BUSINESS_CONTINUITY).setRequestedBy("board")
        .setRequestId(UUID.randomUUID().toString()).build()).getDisclosure();
    assertThat(pending.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_PENDING_NOTICE);
    assertThat(greenMail.waitForIncomingEmail(30_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(ALICE_EMAIL);
    assertThat((String) greenMail.getReceivedMessages()[0].getContent()).startsWith("Hello " + ALICE_NAME + ",");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(operator(SERVICE)
        .listTransferNotices(ListTransferNoticesRequest.newBuilder().setParent(pending.getName()).build()).getNoticesList())
        .singleElement().satisfies(n -> {
          assertThat(n.getSubject()).isEqualTo(alice);
          assertThat(n.getState()).isEqualTo(NoticeDeliveryState.NOTICE_DELIVERY_STATE_DELIVERED);
        }));
    assertThatThrownBy(() -> fetch(pending)).isInstanceOf(StatusRuntimeException.class);

    clock.advance(Duration.ofDays(30).plusMinutes(1));
    Disclosure allowed = operator(SERVICE).reevaluateDisclosure(ReevaluateDisclosureRequest.newBuilder().setName(pending.getName()).build())
        .getDisclosure();
    assertThat(allowed.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_ALLOWED);
    FetchDisclosurePackageResponse pkg = fetch(allowed);
    assertThat(pkg.getSubjectsList()).singleElement().satisfies(s -> assertThat(s.getSubject()).isEqualTo(alice));
    assertThat(pkg.getSubjects(0).getExportsList().stream().flatMap(e -> e.getRecordsList().stream()).flatMap(r -> r.getFieldsList().stream()))
        .isNotEmpty().allSatisfy(f -> assertThat(f.getCategory()).isIn(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL));
    assertThat(TestSessions.withSession(disclosure.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SUBJECT_REQUEST),
        aliceSession).listDisclosures(ListDisclosuresRequest.newBuilder().setSubject(alice).build()).getDisclosuresList())
        .extracting(r -> r.getDisclosure().getName()).contains(pending.getName());
  }

  @Test
  @Order(6)
  void fetchPackage_whenALeafIsDown_isUnavailable_andNothingIsRecordedAsReleased() {
    Disclosure d = termsOfServiceCase(List.of(DATA_CATEGORY_USER_NAME));
    leaves.stop("billing");
    long size = ledgerSize();
    assertThatThrownBy(() -> fetch(d)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("LEAF_UNAVAILABLE");
      assertThat(e.getStatus().getDescription()).contains("billing");
    });
    assertThat(operator(FRAUD).getDisclosure(GetDisclosureRequest.newBuilder().setName(d.getName()).build()).getDisclosure().getReleased())
        .isFalse();
    assertThat(ledgerSize()).isEqualTo(size);
  }

  @Test
  @Order(7)
  void logs_ofDecisionsNoticesAndPackages_holdNoPersonalData() {
    List<String> ours = logs.lines().stream().filter(l -> l.contains(" org.custody.disclosure.") || l.contains(" org.custody.platform.")).toList();
    assertThat(ours).isNotEmpty();
    // The card's last four digits on their own, not inside a port, a hex id or a time (42423, 4242ab, 12:42:42).
    assertThat(String.join("\n", ours)).doesNotContain(ALICE_EMAIL).doesNotContain(ALICE_NAME).doesNotContain("Liddell")
        .doesNotContainPattern("(?<![0-9a-fA-F.:-])4242(?![0-9a-fA-F.:-])").doesNotContain("tok_secret")
        .doesNotContain("Rabbit").doesNotContain("Looking Glass");
  }
}
