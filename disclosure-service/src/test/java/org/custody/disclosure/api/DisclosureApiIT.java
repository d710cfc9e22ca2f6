package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_ADDRESS;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD;
import static org.custody.proto.common.v1.DataCategory.DATA_CATEGORY_USER_NAME;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CaptureMethod;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.DecisionOutcome;
import org.custody.proto.disclosure.v1.Disclosure;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.Evidence;
import org.custody.proto.disclosure.v1.FetchDisclosurePackageRequest;
import org.custody.proto.disclosure.v1.GrantConsentRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.junit.jupiter.api.Test;

/**
 * Decisions over real gRPC against MariaDB: every rule's clause, and the ledger and metrics
 * behind them. The calls around a decision (retries, bad input, reads, packages) are
 * DisclosureRequestsIT's.
 */
class DisclosureApiIT extends DisclosureApiFixture {
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
