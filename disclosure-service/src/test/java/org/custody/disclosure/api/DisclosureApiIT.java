package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_ADDRESS;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_DEVICE_COOKIE_ID;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_NAME;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_UNIQUE_ID;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custody.disclosure.app.DisclosureTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CaptureMethod;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.DecisionOutcome;
import org.custody.proto.disclosure.v1.Disclosure;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.Evidence;
import org.custody.proto.disclosure.v1.FetchDisclosurePackageRequest;
import org.custody.proto.disclosure.v1.GetDisclosureRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.GrantConsentRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.NonDisclosureAgreement;
import org.custody.proto.disclosure.v1.ReevaluateDisclosureRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectList;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Decisions over real gRPC against MariaDB: every rule's clause, retries, bad input, and the ledger behind them. */
@ExtendWith(FreshDatabase.class)
class DisclosureApiIT {
  private static final org.custody.proto.common.v1.Purpose SERVICE = org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION;
  private static final org.custody.proto.common.v1.Purpose CONTACT = org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT;
  private static final org.custody.proto.common.v1.Purpose LEGAL = org.custody.proto.common.v1.Purpose.PURPOSE_LEGAL_COMPLIANCE;
  private static final org.custody.proto.common.v1.Purpose FRAUD = org.custody.proto.common.v1.Purpose.PURPOSE_SECURITY_FRAUD;
  private static final org.custody.proto.common.v1.Purpose IMPROVEMENT = org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_IMPROVEMENT;
  private static final long DAY = 86_400;
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = ServiceHarness.of(DisclosureTestServer.start(database, ServiceRuntime.systemClock(), Map.of()));
    long now = System.currentTimeMillis() / 1000;
    register("mailer", RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA, List.of(CONTACT, SERVICE),
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL), nda(now - DAY, now + 300 * DAY), "");
    register("old-mailer", RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA, List.of(CONTACT),
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL), nda(now - 400 * DAY, now - DAY), "");
    register("court", RecipientKind.RECIPIENT_KIND_PUBLIC_AUTHORITY, List.of(LEGAL, FRAUD), List.of(DATA_CATEGORY_USER_NAME,
        DATA_CATEGORY_USER_CONTACT_EMAIL, DATA_CATEGORY_USER_CONTACT_ADDRESS, DATA_CATEGORY_USER_FINANCIAL,
        DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD, DATA_CATEGORY_USER_DEVICE_COOKIE_ID, DATA_CATEGORY_USER_UNIQUE_ID), null, "");
    register("partner", RecipientKind.RECIPIENT_KIND_SERVICE_PARTNER, List.of(SERVICE, CONTACT),
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL), null, "");
    register("sister", RecipientKind.RECIPIENT_KIND_AFFILIATE, List.of(IMPROVEMENT), List.of(DATA_CATEGORY_USER_NAME), null, "Holding AG");
    register("broker", RecipientKind.RECIPIENT_KIND_COMMERCIAL_ORGANISATION, List.of(SERVICE), List.of(DATA_CATEGORY_USER_NAME), null, "");
    register("buyer", RecipientKind.RECIPIENT_KIND_ACQUIRER, List.of(SERVICE), List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL),
        null, "");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static NonDisclosureAgreement nda(long start, long end) {
    return NonDisclosureAgreement.newBuilder().setReference("NDA-" + start).setStartTime(Timestamp.newBuilder().setSeconds(start))
        .setEndTime(Timestamp.newBuilder().setSeconds(end)).build();
  }

  private static void register(String id, RecipientKind kind, List<org.custody.proto.common.v1.Purpose> purposes, List<DataCategory> categories,
      NonDisclosureAgreement nda, String controller) {
    Recipient.Builder r = Recipient.newBuilder().setDisplayName(id + " Ltd").setKind(kind).addAllPermittedPurposes(purposes)
        .addAllPermittedCategories(categories).setControllingEntity(controller);
    if (nda != null) {
      r.setNda(nda);
    }
    harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId(id).setRecipient(r).build());
  }

  static SubjectRef account(String id) {
    return SubjectRef.newBuilder().setProject("projects/acme").setAccount("projects/acme/accounts/" + id).build();
  }

  static RequestDisclosureRequest.Builder ask(String recipient, DisclosureBasis basis, org.custody.proto.common.v1.Purpose purpose,
      RecipientUse use, List<DataCategory> categories, SubjectRef... subjects) {
    return RequestDisclosureRequest.newBuilder().setRecipient("recipients/" + recipient)
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder().addAllSubjects(List.of(subjects))))
        .addAllCategories(categories).setPurpose(purpose).setBasis(basis).setRecipientUse(use)
        .setRequestedBy("operator-7").setRequestId(UUID.randomUUID().toString());
  }

  private static DisclosureServiceGrpc.DisclosureServiceBlockingStub operator(org.custody.proto.common.v1.Purpose purpose) {
    return harness.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.fromProto(purpose));
  }

  private static Disclosure decide(RequestDisclosureRequest request) {
    return operator(request.getPurpose()).requestDisclosure(request).getDisclosure();
  }

  private static long ledgerSize() {
    return harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getTreeSize();
  }

  private static StatusRuntimeException failure(RequestDisclosureRequest request) {
    try {
      decide(request);
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the request succeeded");
  }

  @Test
  void P7_saleToAServicePartner_isDenied_andTheDenialIsInTheLedger() {
    long before = ledgerSize();
    Disclosure d = decide(ask("partner", DisclosureBasis.DISCLOSURE_BASIS_CONSENT, SERVICE, RecipientUse.RECIPIENT_USE_SALE,
        List.of(DATA_CATEGORY_USER_NAME), account("alice")).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_DENIED);
    assertThat(d.getRule()).isEqualTo("P7_NO_COMMERCIAL_USE");
    assertThat(d.getAllowedCategoriesList()).isEmpty();
    assertThat(d.getLedgerIndex()).isEqualTo(before);
    assertThat(ledgerSize()).isEqualTo(before + 1);
  }

  @Test
  void P7_commercialOrganisation_isDeniedEvenForAServicePurpose() {
    Disclosure d = decide(ask("broker", DisclosureBasis.DISCLOSURE_BASIS_REQUESTED_SERVICE, SERVICE, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("alice")).setEvidence(Evidence.newBuilder().setRequestReference("REQ-1")).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_DENIED);
    assertThat(d.getRule()).isEqualTo("P7_COMMERCIAL_RECIPIENT");
  }

  @Test
  void P8_consentBasis_allowsOnlyTheSubjectsWhoConsented() {
    harness.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION)
        .withInterceptors(DisclosureTestServer.signedIn()).grantConsent(GrantConsentRequest.newBuilder()
        .setSubject(account("carla")).setRecipient("recipients/partner").addPurposes(CONTACT)
        .addCategories(DATA_CATEGORY_USER_NAME).addCategories(DATA_CATEGORY_USER_CONTACT_EMAIL)
        .setPolicyVersion("2026-11-01").setCaptureMethod(CaptureMethod.CAPTURE_METHOD_WEB_FORM).build());
    Disclosure d = decide(ask("partner", DisclosureBasis.DISCLOSURE_BASIS_CONSENT, CONTACT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL), account("carla"), account("dan")).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_ALLOWED);
    assertThat(d.getRule()).isEqualTo("P8_CONSENT");
    assertThat(d.getSubjectDecisionsList()).extracting(s -> s.getSubject().getAccount() + "=" + s.getOutcome())
        .containsExactly("projects/acme/accounts/carla=DECISION_OUTCOME_ALLOWED", "projects/acme/accounts/dan=DECISION_OUTCOME_DENIED");
    assertThat(d.hasExpireTime()).isTrue();
    assertThat(d.getExpireTime().getSeconds() - d.getDecideTime().getSeconds()).isEqualTo(7 * DAY);
  }

  @Test
  void P8_requestedService_withoutTheSubjectsRequestReference_isFailedPrecondition_andNotRecorded() {
    long before = ledgerSize();
    StatusRuntimeException e = failure(ask("partner", DisclosureBasis.DISCLOSURE_BASIS_REQUESTED_SERVICE, SERVICE,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("alice")).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(ErrorDetails.of(e).reason()).isEqualTo("EVIDENCE_MISSING");
    assertThat(e.getStatus().getDescription()).contains("evidence.request_reference");
    assertThat(ledgerSize()).isEqualTo(before);
  }

  @Test
  void P8_requestedService_throughAPartner_isAllowed() {
    Disclosure d = decide(ask("partner", DisclosureBasis.DISCLOSURE_BASIS_REQUESTED_SERVICE, SERVICE, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("alice")).setEvidence(Evidence.newBuilder().setRequestReference("REQ-7")).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_ALLOWED);
    assertThat(d.getRule()).isEqualTo("P8_REQUESTED_SERVICE");
    assertThat(d.getEvidence().getRequestReference()).isEqualTo("REQ-7");
  }

  @Test
  void P9_requiredByLaw_withoutEvidence_isFailedPreconditionNamingEveryMissingField() {
    StatusRuntimeException e = failure(ask("court", DisclosureBasis.DISCLOSURE_BASIS_REQUIRED_BY_LAW, LEGAL, RecipientUse.RECIPIENT_USE_LEGAL_PROCESS,
        List.of(DATA_CATEGORY_USER_NAME), account("alice")).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(e.getStatus().getDescription()).contains("evidence.case_reference").contains("evidence.authority");
  }

  @Test
  void P9_termsOfServiceCase_getsOnlyTheCategoriesItNeeds() {
    Disclosure d = decide(ask("court", DisclosureBasis.DISCLOSURE_BASIS_TERMS_OF_SERVICE, FRAUD, RecipientUse.RECIPIENT_USE_LEGAL_PROCESS,
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD, DATA_CATEGORY_USER_FINANCIAL), account("alice"))
        .setEvidence(Evidence.newBuilder().setCaseReference("TOS-12").setAuthority("Trust & Safety board")).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_ALLOWED);
    assertThat(d.getRule()).isEqualTo("P9_TERMS_OF_SERVICE");
    assertThat(d.getRequestedCategoriesList()).hasSize(3);
    assertThat(d.getAllowedCategoriesList()).containsExactly(DATA_CATEGORY_USER_NAME);
  }

  @Test
  void P9_fraudToAnAuthority_mayIncludePaymentReferences() {
    Disclosure d = decide(ask("court", DisclosureBasis.DISCLOSURE_BASIS_SUSPECTED_FRAUD, FRAUD, RecipientUse.RECIPIENT_USE_LEGAL_PROCESS,
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD, DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS), account("alice"))
        .setEvidence(Evidence.newBuilder().setCaseReference("FR-3").setAuthority("Police")).build());
    assertThat(d.getAllowedCategoriesList()).containsExactly(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD);
  }

  @Test
  void P9_investigationForAPartner_isDenied() {
    Disclosure d = decide(ask("partner", DisclosureBasis.DISCLOSURE_BASIS_ILLEGAL_ACTIVITY, CONTACT, RecipientUse.RECIPIENT_USE_LEGAL_PROCESS,
        List.of(DATA_CATEGORY_USER_NAME), account("alice")).setEvidence(Evidence.newBuilder().setCaseReference("C-1").setAuthority("A")).build());
    assertThat(d.getRule()).isEqualTo("P9_RECIPIENT_NOT_AUTHORITY");
  }

  @Test
  void P11_processorUnderAValidNda_isAllowedItsCategoriesOnly() {
    Disclosure d = decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL, DATA_CATEGORY_USER_CONTACT_ADDRESS), account("alice")).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_ALLOWED);
    assertThat(d.getRule()).isEqualTo("P11_NDA");
    assertThat(d.getAllowedCategoriesList()).containsExactly(DATA_CATEGORY_USER_NAME, DATA_CATEGORY_USER_CONTACT_EMAIL);
    assertThat(d.getRecipientVersion()).isEqualTo(1);
  }

  @Test
  void P11_processorWhoseNdaEnded_isDenied() {
    Disclosure d = decide(ask("old-mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("alice")).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_DENIED);
    assertThat(d.getRule()).isEqualTo("P11_NDA_NOT_VALID");
  }

  @Test
  void P11_processor_forAPurposeNotInItsList_isDenied() {
    Disclosure d = decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, IMPROVEMENT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("alice")).build());
    assertThat(d.getRule()).isEqualTo("P11_PURPOSE_NOT_PERMITTED");
  }

  @Test
  void P11_affiliateUnderCommonControl_isAllowedForAPolicyPurpose() {
    Disclosure d = decide(ask("sister", DisclosureBasis.DISCLOSURE_BASIS_AFFILIATE, IMPROVEMENT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("alice")).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_ALLOWED);
    assertThat(d.getRule()).isEqualTo("P11_AFFILIATE");
  }

  @Test
  void P10_corporateTransaction_isPendingNotice() {
    Disclosure d = decide(RequestDisclosureRequest.newBuilder().setRecipient("recipients/buyer")
        .setScope(DisclosureScope.newBuilder().setProject("projects/acme")).addCategories(DATA_CATEGORY_USER_NAME)
        .setPurpose(SERVICE).setBasis(DisclosureBasis.DISCLOSURE_BASIS_CORPORATE_TRANSACTION)
        .setRecipientUse(RecipientUse.RECIPIENT_USE_BUSINESS_CONTINUITY).setRequestedBy("board")
        .setRequestId(UUID.randomUUID().toString()).build());
    assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.DECISION_OUTCOME_PENDING_NOTICE);
    assertThat(d.getRule()).isEqualTo("P10_NOTICE_PENDING");
    assertThat(d.getNoticePeriodEndTime().getSeconds() - d.getDecideTime().getSeconds()).isEqualTo(30 * DAY);
    assertThat(d.hasExpireTime()).isFalse();
    assertThatThrownBy(() -> operator(SERVICE).fetchDisclosurePackage(FetchDisclosurePackageRequest.newBuilder().setName(d.getName()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("DISCLOSURE_NOT_ALLOWED"));
  }

  @Test
  void projectScope_forAnyOtherBasis_isInvalid() {
    StatusRuntimeException e = failure(RequestDisclosureRequest.newBuilder().setRecipient("recipients/mailer")
        .setScope(DisclosureScope.newBuilder().setAllSubjects(true)).addCategories(DATA_CATEGORY_USER_NAME)
        .setPurpose(CONTACT).setBasis(DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR)
        .setRecipientUse(RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY).setRequestedBy("ops").setRequestId(UUID.randomUUID().toString()).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(ErrorDetails.of(e).violatedFields()).containsExactly("scope");
  }

  @Test
  void requestDisclosure_retriedWithTheSameRequestId_returnsTheSameDecisionAndAddsNoLedgerEntry() {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("erin")).build();
    Disclosure first = decide(request);
    long size = ledgerSize();
    Disclosure again = decide(request);
    assertThat(again).isEqualTo(first);
    assertThat(ledgerSize()).isEqualTo(size);
  }

  @Test
  void requestDisclosure_concurrentDuplicates_allAnswerTheFirstDecision_ledgeredOnce() throws Exception {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("erin")).build();
    long size = ledgerSize();
    org.custody.platform.testkit.ConcurrentDuplicates.answerAlike(6, () -> decide(request));
    assertThat(ledgerSize()).isEqualTo(size + 1);
  }

  @Test
  void requestDisclosure_sameRequestIdForAnotherRequest_isInvalid() {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("erin")).build();
    decide(request);
    StatusRuntimeException e = failure(request.toBuilder().clearCategories().addCategories(DATA_CATEGORY_USER_CONTACT_EMAIL).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(ErrorDetails.of(e).reason()).isEqualTo("REQUEST_ID_REUSED");
  }

  @Test
  void requestDisclosure_unknownRecipient_isNotFound() {
    StatusRuntimeException e = failure(ask("nobody", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("alice")).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(ErrorDetails.of(e).reason()).isEqualTo("RECIPIENT_NOT_FOUND");
  }

  @Test
  void requestDisclosure_unknownCategory_isInvalid() {
    StatusRuntimeException e = failure(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(), account("alice")).addCategoriesValue(999).build());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(ErrorDetails.of(e).violatedFields()).anyMatch(f -> f.startsWith("categories"));
  }

  @Test
  void requestDisclosure_forAPurposeOtherThanTheCalls_isPermissionDenied() {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("alice")).build();
    assertThatThrownBy(() -> operator(SERVICE).requestDisclosure(request)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_MISMATCH");
    });
  }

  @Test
  void requestDisclosure_byTheFrontEnd_isDenied() {
    RequestDisclosureRequest request = ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account("alice")).build();
    assertThatThrownBy(() -> harness.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.CONTACT).requestDisclosure(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void concurrentRequests_areAllDecided_andTheLedgerStaysVerifiable() throws Exception {
    long before = ledgerSize();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Disclosure>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String subject = "bulk" + i;
      futures.add(pool.submit(() -> decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT,
          RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, List.of(DATA_CATEGORY_USER_NAME), account(subject)).build())));
    }
    List<Long> indexes = new ArrayList<>();
    for (Future<Disclosure> f : futures) {
      indexes.add(f.get().getLedgerIndex());
    }
    pool.shutdown();
    assertThat(indexes).doesNotHaveDuplicates().allSatisfy(i -> assertThat(i).isGreaterThanOrEqualTo(before));
    var ledger = harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
    assertThat(ledger.verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
  }

  @Test
  void getDisclosure_returnsTheStoredDecision_andUnknownIsNotFound() {
    Disclosure d = decide(ask("sister", DisclosureBasis.DISCLOSURE_BASIS_AFFILIATE, IMPROVEMENT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("fred")).build());
    assertThat(operator(IMPROVEMENT).getDisclosure(GetDisclosureRequest.newBuilder().setName(d.getName()).build()).getDisclosure()).isEqualTo(d);
    assertThatThrownBy(() -> operator(IMPROVEMENT).getDisclosure(GetDisclosureRequest.newBuilder().setName("disclosures/none").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void reevaluate_aDecisionThatIsNotPending_isFailedPrecondition() {
    Disclosure d = decide(ask("sister", DisclosureBasis.DISCLOSURE_BASIS_AFFILIATE, IMPROVEMENT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("gina")).build());
    assertThatThrownBy(() -> operator(IMPROVEMENT).reevaluateDisclosure(ReevaluateDisclosureRequest.newBuilder().setName(d.getName()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("DISCLOSURE_NOT_PENDING");
        });
  }

  @Test
  void fetchPackage_whileTheLeavesAreDown_isUnavailable_andNothingIsReleased() {
    Disclosure d = decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("hugo")).build());
    long size = ledgerSize();
    assertThatThrownBy(() -> operator(CONTACT).fetchDisclosurePackage(FetchDisclosurePackageRequest.newBuilder().setName(d.getName()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("LEAF_UNAVAILABLE");
        });
    assertThat(operator(CONTACT).getDisclosure(GetDisclosureRequest.newBuilder().setName(d.getName()).build()).getDisclosure().getReleased())
        .isFalse();
    assertThat(ledgerSize()).isEqualTo(size);
  }

  @Test
  void fetchPackage_forAnotherPurposeThanTheDecisions_isPermissionDenied() {
    Disclosure d = decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("ivan")).build());
    assertThatThrownBy(() -> operator(SERVICE).fetchDisclosurePackage(FetchDisclosurePackageRequest.newBuilder().setName(d.getName()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_MISMATCH"));
  }

  @Test
  void ledgerEntries_holdNoEmailAddress_evenForSubjectsKnownByEmail() {
    SubjectRef byEmail = SubjectRef.newBuilder().setProject("projects/acme").setEmail("jo.walker@example.org").build();
    decide(ask("mailer", DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR, CONTACT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), byEmail).build());
    var ledger = harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
    long start = 0;
    while (true) {
      var entries = ledger.listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setStartIndex(start).setPageSize(1000).build()).getEntriesList();
      if (entries.isEmpty()) {
        break;
      }
      entries.forEach(e -> assertThat(e.getPayload().toStringUtf8()).doesNotContain("@").doesNotContain("walker"));
      start = entries.get(entries.size() - 1).getIndex() + 1;
    }
    assertThat(start).isPositive();
  }

  @Test
  void decisions_areCountedByOutcomeAndBasis() {
    decide(ask("sister", DisclosureBasis.DISCLOSURE_BASIS_AFFILIATE, IMPROVEMENT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        List.of(DATA_CATEGORY_USER_NAME), account("kim")).build());
    assertThat(harness.scrapeMetrics()).containsPattern("custody_disclosure_decisions_total\\{[^}]*basis=\"affiliate\"[^}]*outcome=\"allowed\"[^}]*} [1-9]");
  }
}
