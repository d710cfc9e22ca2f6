package org.custody.disclosure.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.platform.classification.DataCategory.USER_AUTHORIZATION_CREDENTIALS;
import static org.custody.platform.classification.DataCategory.USER_CONTACT_ADDRESS;
import static org.custody.platform.classification.DataCategory.USER_CONTACT_EMAIL;
import static org.custody.platform.classification.DataCategory.USER_DEVICE_COOKIE_ID;
import static org.custody.platform.classification.DataCategory.USER_FINANCIAL;
import static org.custody.platform.classification.DataCategory.USER_FINANCIAL_CREDIT_CARD;
import static org.custody.platform.classification.DataCategory.USER_NAME;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.consent.CaptureMethod;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.subject.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every rule of the policy's exceptions, one clause at a time (P7-P11). */
class DisclosureRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final Subject ALICE = Subject.account("projects/acme/accounts/alice");
  private static final Subject BOB = Subject.account("projects/acme/accounts/bob");
  private static final Subject CAROL = Subject.email("projects/acme", "carol@example.org");
  private static final Set<DataCategory> ALL = Set.of(DataCategory.values());
  private final DisclosureRules rules = new DisclosureRules(Duration.ofDays(30));

  static Recipient recipient(RecipientKind kind, Set<Purpose> purposes, Set<DataCategory> categories) {
    Optional<Recipient.Nda> nda = kind == RecipientKind.PROCESSOR_UNDER_NDA
        ? Optional.of(new Recipient.Nda("NDA-1", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(300))))
        : Optional.empty();
    Optional<String> controller = kind == RecipientKind.AFFILIATE ? Optional.of("Holding AG") : Optional.empty();
    return new Recipient("r", 3, "Recipient", kind, purposes, categories, nda, controller, Optional.empty(), NOW);
  }

  static DisclosureRequest request(DisclosureBasis basis, Purpose purpose, RecipientUse use, Evidence evidence, Set<DataCategory> categories,
      Subject... subjects) {
    return new DisclosureRequest("r", Scope.subjects(List.of(subjects)), categories, purpose, basis, use, evidence, "operator-7",
        "operator", "11111111-1111-1111-1111-111111111111", new byte[32]);
  }

  static Evidence caseEvidence() {
    return new Evidence(Optional.of("CASE-42"), Optional.of("Regional Court"), Optional.empty());
  }

  private Decision decide(DisclosureRequest request, Recipient recipient) {
    return rules.decide(request, recipient, Map.of(), NoticeStatus.notStarted(), NOW);
  }

  @ParameterizedTest
  @EnumSource(value = RecipientUse.class, names = {"SALE", "MARKETING", "OTHER_COMMERCIAL"})
  void P7_commercialUse_isAlwaysDenied_evenWithConsent(RecipientUse use) {
    Recipient partner = recipient(RecipientKind.SERVICE_PARTNER, Set.of(Purpose.SERVICE_PROVISION), ALL);
    Consent consent = consent(ALICE, Set.of(Purpose.SERVICE_PROVISION), ALL, Optional.empty());
    Decision decision = rules.decide(request(DisclosureBasis.CONSENT, Purpose.SERVICE_PROVISION, use, Evidence.none(),
        Set.of(USER_NAME), ALICE), partner, Map.of(ALICE, List.of(consent)), NoticeStatus.notStarted(), NOW);
    assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(decision.rule()).isEqualTo("P7_NO_COMMERCIAL_USE");
    assertThat(decision.allowedCategories()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(DisclosureBasis.class)
  void P7_commercialRecipient_isDeniedUnderEveryBasis(DisclosureBasis basis) {
    Recipient seller = recipient(RecipientKind.COMMERCIAL_ORGANISATION, Set.of(Purpose.values()), ALL);
    Decision decision = decide(request(basis, Purpose.SERVICE_PROVISION, RecipientUse.SERVICE_DELIVERY, caseEvidence(), Set.of(USER_NAME), ALICE),
        seller);
    assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(decision.rule()).isEqualTo("P7_COMMERCIAL_RECIPIENT");
  }

  @Test
  void P7_commercialUse_isDeniedBeforeEvidenceIsAskedFor() {
    DisclosureRequest sale = request(DisclosureBasis.REQUIRED_BY_LAW, Purpose.LEGAL_COMPLIANCE, RecipientUse.SALE, Evidence.none(),
        Set.of(USER_NAME), ALICE);
    // The denial is a decision (recorded); missing evidence would be an error (not recorded).
    assertThat(decide(sale, recipient(RecipientKind.PUBLIC_AUTHORITY, Set.of(Purpose.LEGAL_COMPLIANCE), ALL)).rule())
        .isEqualTo("P7_NO_COMMERCIAL_USE");
  }

  @Test
  void P8_consent_allowsOnlySubjectsWhoseLiveConsentCoversRecipientPurposeAndEveryCategory() {
    Recipient partner = recipient(RecipientKind.SERVICE_PARTNER, Set.of(Purpose.CONTACT), ALL);
    Set<DataCategory> asked = Set.of(USER_NAME, USER_CONTACT_EMAIL);
    Map<Subject, List<Consent>> consents = Map.of(
        ALICE, List.of(consent(ALICE, Set.of(Purpose.CONTACT), asked, Optional.empty())),
        BOB, List.of(consent(BOB, Set.of(Purpose.CONTACT), Set.of(USER_NAME), Optional.empty())),
        CAROL, List.of(consent(CAROL, Set.of(Purpose.RESEARCH), asked, Optional.empty())));
    Decision decision = rules.decide(request(DisclosureBasis.CONSENT, Purpose.CONTACT, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        asked, ALICE, BOB, CAROL), partner, consents, NoticeStatus.notStarted(), NOW);
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(decision.rule()).isEqualTo("P8_CONSENT");
    assertThat(decision.subjects()).extracting(SubjectDecision::outcome).containsExactly(Outcome.ALLOWED, Outcome.DENIED, Outcome.DENIED);
  }

  @Test
  void P8_revokedOrExpiredConsent_noLongerCounts() {
    Recipient partner = recipient(RecipientKind.SERVICE_PARTNER, Set.of(Purpose.CONTACT), ALL);
    Consent expired = consent(ALICE, Set.of(Purpose.CONTACT), Set.of(USER_NAME), Optional.of(NOW));
    Consent revoked = consent(BOB, Set.of(Purpose.CONTACT), Set.of(USER_NAME), Optional.empty());
    revoked = new Consent(revoked.id(), BOB, "r", revoked.purposes(), revoked.categories(), Optional.empty(), "v1", CaptureMethod.WEB_FORM,
        Optional.empty(), NOW.minusSeconds(60), Optional.of(NOW.minusSeconds(1)), 0, Optional.of(1L));
    Decision decision = rules.decide(request(DisclosureBasis.CONSENT, Purpose.CONTACT, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_NAME), ALICE, BOB), partner, Map.of(ALICE, List.of(expired), BOB, List.of(revoked)), NoticeStatus.notStarted(), NOW);
    assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(decision.rule()).isEqualTo("P8_NO_CONSENT");
  }

  @Test
  void P8_consentForAnotherRecipient_doesNotCount() {
    Recipient partner = recipient(RecipientKind.SERVICE_PARTNER, Set.of(Purpose.CONTACT), ALL);
    Consent other = new Consent("c", ALICE, "someone-else", Set.of(Purpose.CONTACT), Set.of(USER_NAME), Optional.empty(), "v1",
        CaptureMethod.WEB_FORM, Optional.empty(), NOW, Optional.empty(), 0, Optional.empty());
    assertThat(rules.decide(request(DisclosureBasis.CONSENT, Purpose.CONTACT, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_NAME), ALICE), partner, Map.of(ALICE, List.of(other)), NoticeStatus.notStarted(), NOW).outcome()).isEqualTo(Outcome.DENIED);
  }

  @Test
  void P8_requestedService_needsTheSubjectsRequestReference() {
    DisclosureRequest request = request(DisclosureBasis.REQUESTED_SERVICE, Purpose.SERVICE_PROVISION, RecipientUse.SERVICE_DELIVERY,
        Evidence.none(), Set.of(USER_NAME), ALICE);
    assertThatThrownBy(() -> rules.checkPreconditions(request)).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
      assertThat(e.reason()).isEqualTo("EVIDENCE_MISSING");
      assertThat(e.getMessage()).contains("evidence.request_reference");
    });
  }

  @Test
  void P8_requestedService_needsAServicePartner() {
    Evidence asked = new Evidence(Optional.empty(), Optional.empty(), Optional.of("REQ-9"));
    DisclosureRequest request = request(DisclosureBasis.REQUESTED_SERVICE, Purpose.SERVICE_PROVISION, RecipientUse.SERVICE_DELIVERY,
        asked, Set.of(USER_NAME), ALICE);
    assertThat(decide(request, recipient(RecipientKind.AFFILIATE, Set.of(Purpose.SERVICE_PROVISION), ALL)).rule())
        .isEqualTo("P8_NOT_A_SERVICE_PARTNER");
    Decision allowed = decide(request, recipient(RecipientKind.SERVICE_PARTNER, Set.of(Purpose.SERVICE_PROVISION), ALL));
    assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(allowed.rule()).isEqualTo("P8_REQUESTED_SERVICE");
  }

  @Test
  void P9_investigations_needCaseReferenceAndAuthority_namingWhatIsMissing() {
    DisclosureRequest law = request(DisclosureBasis.REQUIRED_BY_LAW, Purpose.LEGAL_COMPLIANCE, RecipientUse.LEGAL_PROCESS,
        Evidence.none(), Set.of(USER_NAME), ALICE);
    assertThatThrownBy(() -> rules.checkPreconditions(law)).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
      assertThat(e.getMessage()).contains("evidence.case_reference").contains("evidence.authority");
    });
    DisclosureRequest fraud = request(DisclosureBasis.SUSPECTED_FRAUD, Purpose.SECURITY_FRAUD, RecipientUse.LEGAL_PROCESS,
        new Evidence(Optional.empty(), Optional.of("Agency"), Optional.empty()), Set.of(USER_NAME), ALICE);
    assertThatThrownBy(() -> rules.checkPreconditions(fraud)).hasMessageContaining("evidence.case_reference")
        .hasMessageNotContaining("evidence.authority");
  }

  @Test
  void P9_termsOfServiceCase_neverGetsPaymentTokens() {
    Recipient court = recipient(RecipientKind.PUBLIC_AUTHORITY, Set.of(Purpose.SECURITY_FRAUD), ALL);
    Decision decision = decide(request(DisclosureBasis.TERMS_OF_SERVICE, Purpose.SECURITY_FRAUD, RecipientUse.LEGAL_PROCESS, caseEvidence(),
        Set.of(USER_NAME, USER_FINANCIAL_CREDIT_CARD, USER_FINANCIAL, USER_DEVICE_COOKIE_ID), ALICE), court);
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(decision.allowedCategories()).containsExactlyInAnyOrder(USER_NAME, USER_DEVICE_COOKIE_ID);
    assertThat(decision.reason()).contains("2 of 4 categories asked for were left out");
  }

  @Test
  void P9_onlyPaymentTokensAskedForATermsOfServiceCase_isDenied() {
    Recipient court = recipient(RecipientKind.PUBLIC_AUTHORITY, Set.of(Purpose.SECURITY_FRAUD), ALL);
    Decision decision = decide(request(DisclosureBasis.TERMS_OF_SERVICE, Purpose.SECURITY_FRAUD, RecipientUse.LEGAL_PROCESS, caseEvidence(),
        Set.of(USER_FINANCIAL_CREDIT_CARD), ALICE), court);
    assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(decision.rule()).isEqualTo("P9_NO_NEEDED_CATEGORY");
  }

  @Test
  void P9_fraud_mayGoToAProcessorUnderNda_butOtherInvestigationsOnlyToAnAuthority() {
    Recipient processor = recipient(RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.SECURITY_FRAUD), ALL);
    Decision fraud = decide(request(DisclosureBasis.SUSPECTED_FRAUD, Purpose.SECURITY_FRAUD, RecipientUse.LEGAL_PROCESS, caseEvidence(),
        Set.of(USER_NAME, USER_FINANCIAL_CREDIT_CARD), ALICE), processor);
    assertThat(fraud.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(fraud.rule()).isEqualTo("P9_SUSPECTED_FRAUD");
    assertThat(fraud.allowedCategories()).containsExactlyInAnyOrder(USER_NAME, USER_FINANCIAL_CREDIT_CARD);
    Decision safety = decide(request(DisclosureBasis.PHYSICAL_SAFETY, Purpose.SECURITY_FRAUD, RecipientUse.LEGAL_PROCESS, caseEvidence(),
        Set.of(USER_NAME), ALICE), processor);
    assertThat(safety.rule()).isEqualTo("P9_RECIPIENT_NOT_AUTHORITY");
    Decision affiliate = decide(request(DisclosureBasis.SUSPECTED_FRAUD, Purpose.SECURITY_FRAUD, RecipientUse.LEGAL_PROCESS, caseEvidence(),
        Set.of(USER_NAME), ALICE), recipient(RecipientKind.AFFILIATE, Set.of(Purpose.SECURITY_FRAUD), ALL));
    assertThat(affiliate.rule()).isEqualTo("P9_RECIPIENT_NOT_AUTHORITY");
  }

  @Test
  void P9_investigation_forAServicePurpose_isDenied() {
    Recipient court = recipient(RecipientKind.PUBLIC_AUTHORITY, Set.of(Purpose.values()), ALL);
    assertThat(decide(request(DisclosureBasis.ILLEGAL_ACTIVITY, Purpose.RESEARCH, RecipientUse.LEGAL_PROCESS, caseEvidence(),
        Set.of(USER_NAME), ALICE), court).rule()).isEqualTo("P9_PURPOSE");
  }

  @Test
  void P9_safetyCase_getsAnAddressButNoBillingRecords() {
    Recipient police = recipient(RecipientKind.PUBLIC_AUTHORITY, Set.of(Purpose.SECURITY_FRAUD), ALL);
    Decision decision = decide(request(DisclosureBasis.PHYSICAL_SAFETY, Purpose.SECURITY_FRAUD, RecipientUse.LEGAL_PROCESS, caseEvidence(),
        Set.of(USER_NAME, USER_CONTACT_ADDRESS, USER_FINANCIAL), ALICE), police);
    assertThat(decision.allowedCategories()).containsExactlyInAnyOrder(USER_NAME, USER_CONTACT_ADDRESS);
  }

  @Test
  void P10_corporateTransaction_staysPendingUntilEveryoneIsNotifiedAndThePeriodPassed() {
    Recipient acquirer = recipient(RecipientKind.ACQUIRER, Set.of(Purpose.SERVICE_PROVISION), ALL);
    DisclosureRequest transfer = new DisclosureRequest("r", Scope.project("projects/acme"), Set.of(USER_NAME, USER_CONTACT_EMAIL),
        Purpose.SERVICE_PROVISION, DisclosureBasis.CORPORATE_TRANSACTION, RecipientUse.BUSINESS_CONTINUITY, Evidence.none(), "ops", "operator",
        "22222222-2222-2222-2222-222222222222", new byte[32]);
    rules.checkPreconditions(transfer);
    assertThat(decide(transfer, acquirer).outcome()).isEqualTo(Outcome.PENDING_NOTICE);
    Instant listed = NOW.plusSeconds(10);
    Instant lastDelivery = NOW.plus(Duration.ofHours(2));
    NoticeStatus partly = new NoticeStatus(Optional.of(listed), 3, 2, 0, Optional.of(lastDelivery), Optional.empty());
    Decision waiting = rules.decide(transfer, acquirer, Map.of(), partly, NOW.plus(Duration.ofDays(60)));
    assertThat(waiting.outcome()).isEqualTo(Outcome.PENDING_NOTICE);
    assertThat(waiting.reason()).contains("2 of 3");
    NoticeStatus all = new NoticeStatus(Optional.of(listed), 3, 3, 0, Optional.of(lastDelivery), Optional.empty());
    assertThat(rules.decide(transfer, acquirer, Map.of(), all, lastDelivery.plus(Duration.ofDays(30)).minusSeconds(1)).outcome())
        .isEqualTo(Outcome.PENDING_NOTICE);
    assertThat(rules.noticePeriodEnd(all, NOW)).isEqualTo(lastDelivery.plus(Duration.ofDays(30)));
    Decision allowed = rules.decide(transfer, acquirer, Map.of(), all, lastDelivery.plus(Duration.ofDays(30)));
    assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(allowed.rule()).isEqualTo("P10_NOTICE_GIVEN");
  }

  @Test
  void P10_undeliverableNotice_keepsTheTransferPending() {
    Recipient acquirer = recipient(RecipientKind.ACQUIRER, Set.of(Purpose.SERVICE_PROVISION), ALL);
    DisclosureRequest transfer = request(DisclosureBasis.CORPORATE_TRANSACTION, Purpose.SERVICE_PROVISION, RecipientUse.BUSINESS_CONTINUITY,
        Evidence.none(), Set.of(USER_NAME), ALICE, BOB);
    NoticeStatus bounced = new NoticeStatus(Optional.of(NOW), 2, 1, 1, Optional.of(NOW), Optional.empty());
    Decision decision = rules.decide(transfer, acquirer, Map.of(), bounced, NOW.plus(Duration.ofDays(365)));
    assertThat(decision.outcome()).isEqualTo(Outcome.PENDING_NOTICE);
    assertThat(decision.reason()).contains("1 notices undeliverable");
  }

  @Test
  void P10_transferToAnythingButAnAcquirer_isDenied() {
    DisclosureRequest transfer = request(DisclosureBasis.CORPORATE_TRANSACTION, Purpose.SERVICE_PROVISION, RecipientUse.BUSINESS_CONTINUITY,
        Evidence.none(), Set.of(USER_NAME), ALICE);
    assertThat(decide(transfer, recipient(RecipientKind.AFFILIATE, Set.of(Purpose.SERVICE_PROVISION), ALL)).rule())
        .isEqualTo("P10_NOT_AN_ACQUIRER");
  }

  @Test
  void P10_projectScope_isOnlyForCorporateTransactions() {
    DisclosureRequest wide = new DisclosureRequest("r", Scope.allSubjects(), Set.of(USER_NAME), Purpose.SERVICE_PROVISION,
        DisclosureBasis.NDA_PROCESSOR, RecipientUse.SERVICE_DELIVERY, Evidence.none(), "ops", "operator", "x", new byte[32]);
    assertThatThrownBy(() -> rules.checkPreconditions(wide)).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.violations().get(0).field()).isEqualTo("scope"));
  }

  @Test
  void P11_nda_mustBeValidAtDecisionTime() {
    Recipient processor = recipient(RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.BILLING), ALL);
    DisclosureRequest request = request(DisclosureBasis.NDA_PROCESSOR, Purpose.BILLING, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_NAME), ALICE);
    assertThat(rules.decide(request, processor, Map.of(), NoticeStatus.notStarted(), NOW).rule()).isEqualTo("P11_NDA");
    assertThat(rules.decide(request, processor, Map.of(), NoticeStatus.notStarted(), NOW.plus(Duration.ofDays(300))).rule())
        .isEqualTo("P11_NDA_NOT_VALID");
    assertThat(rules.decide(request, processor, Map.of(), NoticeStatus.notStarted(), NOW.minus(Duration.ofDays(11))).rule())
        .isEqualTo("P11_NDA_NOT_VALID");
  }

  @Test
  void P11_nda_purposeMustBeInTheRecipientsListAndAPolicyPurpose() {
    DisclosureRequest billing = request(DisclosureBasis.NDA_PROCESSOR, Purpose.BILLING, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_NAME), ALICE);
    assertThat(decide(billing, recipient(RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.CONTACT), ALL)).rule())
        .isEqualTo("P11_PURPOSE_NOT_PERMITTED");
    DisclosureRequest legal = request(DisclosureBasis.NDA_PROCESSOR, Purpose.LEGAL_COMPLIANCE, RecipientUse.SERVICE_DELIVERY,
        Evidence.none(), Set.of(USER_NAME), ALICE);
    assertThat(decide(legal, recipient(RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.LEGAL_COMPLIANCE), ALL)).rule())
        .isEqualTo("P11_NOT_A_POLICY_PURPOSE");
  }

  @Test
  void P11_nda_categoriesAreMinimisedToTheRecipientsList() {
    Recipient mailer = recipient(RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.CONTACT), Set.of(USER_NAME, USER_CONTACT_EMAIL));
    Decision decision = decide(request(DisclosureBasis.NDA_PROCESSOR, Purpose.CONTACT, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_NAME, USER_CONTACT_EMAIL, USER_CONTACT_ADDRESS, USER_AUTHORIZATION_CREDENTIALS), ALICE), mailer);
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(decision.allowedCategories()).containsExactlyInAnyOrder(USER_NAME, USER_CONTACT_EMAIL);
    Decision none = decide(request(DisclosureBasis.NDA_PROCESSOR, Purpose.CONTACT, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_CONTACT_ADDRESS), ALICE), mailer);
    assertThat(none.rule()).isEqualTo("P11_NO_PERMITTED_CATEGORY");
  }

  @Test
  void P11_credentialsAreNeverDisclosed_evenWhenListedForTheRecipient() {
    Recipient processor = recipient(RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.AUTHENTICATION), ALL);
    Decision decision = decide(request(DisclosureBasis.NDA_PROCESSOR, Purpose.AUTHENTICATION, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_AUTHORIZATION_CREDENTIALS), ALICE), processor);
    assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
  }

  @Test
  void P11_ndaBasis_needsAProcessorUnderNda() {
    assertThat(decide(request(DisclosureBasis.NDA_PROCESSOR, Purpose.CONTACT, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_NAME), ALICE), recipient(RecipientKind.SERVICE_PARTNER, Set.of(Purpose.CONTACT), ALL)).rule())
        .isEqualTo("P11_NOT_A_PROCESSOR");
  }

  @Test
  void P11_affiliate_needsARegisteredAffiliateAndAPolicyPurpose() {
    DisclosureRequest research = request(DisclosureBasis.AFFILIATE, Purpose.RESEARCH, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_NAME), ALICE);
    Decision allowed = decide(research, recipient(RecipientKind.AFFILIATE, Set.of(Purpose.RESEARCH), ALL));
    assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(allowed.rule()).isEqualTo("P11_AFFILIATE");
    assertThat(decide(research, recipient(RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.RESEARCH), ALL)).rule())
        .isEqualTo("P11_NOT_AN_AFFILIATE");
    DisclosureRequest fraud = request(DisclosureBasis.AFFILIATE, Purpose.SECURITY_FRAUD, RecipientUse.SERVICE_DELIVERY, Evidence.none(),
        Set.of(USER_NAME), ALICE);
    assertThat(decide(fraud, recipient(RecipientKind.AFFILIATE, Set.of(Purpose.SECURITY_FRAUD), ALL)).rule())
        .isEqualTo("P11_NOT_A_POLICY_PURPOSE");
  }

  @Test
  void dataSubjectRecipient_isAnExportNotADisclosure() {
    assertThat(decide(request(DisclosureBasis.REQUESTED_SERVICE, Purpose.SERVICE_PROVISION, RecipientUse.SERVICE_DELIVERY,
        new Evidence(Optional.empty(), Optional.empty(), Optional.of("R1")), Set.of(USER_NAME), ALICE),
        recipient(RecipientKind.DATA_SUBJECT, Set.of(Purpose.SERVICE_PROVISION), ALL)).rule()).isEqualTo("P13_EXPORT_NOT_DISCLOSURE");
  }

  @Test
  void referenceHoldingAnEmailAddress_isRefused() {
    DisclosureRequest request = request(DisclosureBasis.REQUIRED_BY_LAW, Purpose.LEGAL_COMPLIANCE, RecipientUse.LEGAL_PROCESS,
        new Evidence(Optional.of("ticket from someone@example.org"), Optional.of("Court"), Optional.empty()), Set.of(USER_NAME), ALICE);
    assertThatThrownBy(() -> rules.checkPreconditions(request)).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.violations().get(0).field()).isEqualTo("evidence.case_reference"));
  }

  private static Consent consent(Subject subject, Set<Purpose> purposes, Set<DataCategory> categories, Optional<Instant> expiry) {
    return new Consent("c-" + subject.key().hashCode(), subject, "r", purposes, categories, expiry, "2026-11-01", CaptureMethod.WEB_FORM,
        Optional.empty(), NOW.minusSeconds(3600), Optional.empty(), 0, Optional.empty());
  }
}
