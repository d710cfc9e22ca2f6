package org.custody.deploy.demo;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.custody.platform.access.Purpose;
import org.custody.proto.common.v1.DataCategory;
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
import org.custody.proto.disclosure.v1.GrantConsentRequest;
import org.custody.proto.disclosure.v1.ListTransferNoticesRequest;
import org.custody.proto.disclosure.v1.NonDisclosureAgreement;
import org.custody.proto.disclosure.v1.ReevaluateDisclosureRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.RevokeConsentRequest;
import org.custody.proto.disclosure.v1.SubjectList;

/** P7-P11: disclosure decisions against the policy's enumerated exceptions, every one in the ledger. */
final class DisclosureClauses {
  private final DemoContext c;

  DisclosureClauses(DemoContext c) {
    this.c = c;
  }

  private String recipient(String id, RecipientKind kind, List<org.custody.proto.common.v1.Purpose> purposes,
      List<DataCategory> categories, NonDisclosureAgreement nda) {
    Recipient.Builder recipient = Recipient.newBuilder().setDisplayName(id).setKind(kind).addAllPermittedPurposes(purposes)
        .addAllPermittedCategories(categories).setNoticeEmail("privacy@" + id + ".example.net");
    if (nda != null) {
      recipient.setNda(nda);
    }
    return c.clients.stub("disclosure", RecipientServiceGrpc::newBlockingStub, "operator", Purpose.LEGAL_COMPLIANCE)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId(id + "-" + c.run).setRecipient(recipient).build())
        .getRecipient().getName();
  }

  private RequestDisclosureRequest.Builder request(String recipient, org.custody.proto.common.v1.Purpose purpose,
      DisclosureBasis basis, RecipientUse use, DataCategory... categories) {
    return RequestDisclosureRequest.newBuilder().setRecipient(recipient)
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder().addSubjects(c.subject())))
        .addAllCategories(List.of(categories)).setPurpose(purpose).setBasis(basis).setRecipientUse(use)
        .setRequestedBy("demo-operator").setRequestId(UUID.randomUUID().toString());
  }

  private Disclosure decide(RequestDisclosureRequest request, Purpose purpose) {
    return c.clients.stub("disclosure", DisclosureServiceGrpc::newBlockingStub, "operator", purpose)
        .requestDisclosure(request).getDisclosure();
  }

  private static String summary(Disclosure d) {
    return d.getOutcome().name().substring("DECISION_OUTCOME_".length()) + " rule=" + d.getRule()
        + (d.getAllowedCategoriesCount() > 0 ? " allowed=" + d.getAllowedCategoriesList().stream()
            .map(x -> x.name().substring("DATA_CATEGORY_".length())).toList() : "")
        + " ledger#" + d.getLedgerIndex() + " (\"" + d.getReason() + "\")";
  }

  void p7NeverSold() {
    c.narrator.clause("P7", "Personal data is never shared with or sold to other organisations for commercial purposes");
    String broker = recipient("adbroker", RecipientKind.RECIPIENT_KIND_COMMERCIAL_ORGANISATION,
        List.of(org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT), List.of(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL), null);
    Disclosure sale = decide(request(broker, org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT,
        DisclosureBasis.DISCLOSURE_BASIS_CONSENT, RecipientUse.RECIPIENT_USE_SALE, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL).build(),
        Purpose.CONTACT);
    c.narrator.asked("operator RequestDisclosure of the demo subject's e-mail to an ad broker, recipient use SALE");
    c.narrator.answered(summary(sale));
    c.narrator.why("sale, marketing and any other commercial use, and any commercial recipient, are denied before any other rule; "
        + "the denial itself is appended to the tamper-evident ledger");
    c.narrator.expect(sale.getOutcome() == DecisionOutcome.DECISION_OUTCOME_DENIED && sale.getRule().startsWith("P7"), "denied by P7");
  }

  void p8Consent() {
    c.narrator.clause("P8", "Exceptions: a service the user asked for, or the user's permission");
    String partner = recipient("translator", RecipientKind.RECIPIENT_KIND_SERVICE_PARTNER,
        List.of(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION),
        List.of(DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL), null);
    var consents = c.asSubject(c.clients.stub("disclosure", ConsentServiceGrpc::newBlockingStub, "frontend", Purpose.SERVICE_PROVISION));
    var consent = consents.grantConsent(GrantConsentRequest.newBuilder().setSubject(c.subject()).setRecipient(partner)
        .addPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION)
        .addCategories(DataCategory.DATA_CATEGORY_USER_NAME).addCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)
        .setPolicyVersion("2026-11-01").setCaptureMethod(CaptureMethod.CAPTURE_METHOD_WEB_FORM).setCaptureReference("form-" + c.run)
        .build()).getConsent();
    RequestDisclosureRequest.Builder ask = request(partner, org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION,
        DisclosureBasis.DISCLOSURE_BASIS_CONSENT, RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY,
        DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL);
    Disclosure allowed = decide(ask.build(), Purpose.SERVICE_PROVISION);
    consents.revokeConsent(RevokeConsentRequest.newBuilder().setName(consent.getName()).build());
    Disclosure afterRevoke = decide(ask.setRequestId(UUID.randomUUID().toString()).build(), Purpose.SERVICE_PROVISION);
    c.narrator.asked("the subject consents to a translation partner receiving name and e-mail; operator asks to disclose them; "
        + "the subject revokes; operator asks again");
    c.narrator.answered("with consent: " + summary(allowed));
    c.narrator.answered("after revocation: " + summary(afterRevoke));
    c.narrator.why("a consent counts only while live and only if it covers the recipient, the purpose and every category asked for");
    c.narrator.expect(allowed.getOutcome() == DecisionOutcome.DECISION_OUTCOME_ALLOWED
        && afterRevoke.getOutcome() == DecisionOutcome.DECISION_OUTCOME_DENIED, "allowed with consent, denied after revocation");
  }

  void p9Investigations() {
    c.narrator.clause("P9", "Exceptions: illegal activity, fraud, safety, Terms-of-Service violations, the law — with evidence, minimised");
    String court = recipient("court", RecipientKind.RECIPIENT_KIND_PUBLIC_AUTHORITY,
        List.of(org.custody.proto.common.v1.Purpose.PURPOSE_LEGAL_COMPLIANCE, org.custody.proto.common.v1.Purpose.PURPOSE_SECURITY_FRAUD),
        List.of(DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL,
            DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD), null);
    RequestDisclosureRequest.Builder ask = request(court, org.custody.proto.common.v1.Purpose.PURPOSE_LEGAL_COMPLIANCE,
        DisclosureBasis.DISCLOSURE_BASIS_TERMS_OF_SERVICE, RecipientUse.RECIPIENT_USE_LEGAL_PROCESS,
        DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL, DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD);
    String withoutEvidence;
    try {
      decide(ask.build(), Purpose.LEGAL_COMPLIANCE);
      withoutEvidence = "OK (unexpected)";
    } catch (StatusRuntimeException e) {
      withoutEvidence = Narrator.describe(e);
    }
    Disclosure minimised = decide(ask.setRequestId(UUID.randomUUID().toString())
        .setEvidence(Evidence.newBuilder().setCaseReference("ToS-" + c.run).setAuthority("Regional Court")).build(), Purpose.LEGAL_COMPLIANCE);
    var fetched = c.clients.stub("disclosure", DisclosureServiceGrpc::newBlockingStub, "operator", Purpose.LEGAL_COMPLIANCE)
        .fetchDisclosurePackage(FetchDisclosurePackageRequest.newBuilder().setName(minimised.getName()).build());
    long values = fetched.getSubjectsList().stream().flatMap(s -> s.getExportsList().stream())
        .flatMap(e -> e.getRecordsList().stream()).mapToLong(r -> r.getFieldsCount()).sum();
    boolean onlyAllowed = fetched.getSubjectsList().stream().flatMap(s -> s.getExportsList().stream())
        .flatMap(e -> e.getRecordsList().stream()).flatMap(r -> r.getFieldsList().stream())
        .allMatch(f -> minimised.getAllowedCategoriesList().contains(f.getCategory()));
    c.narrator.asked("a Terms-of-Service case asking for name, e-mail and payment card — first without evidence, then with a case reference");
    c.narrator.answered("without evidence: " + withoutEvidence);
    c.narrator.answered("with evidence: " + summary(minimised));
    c.narrator.answered("FetchDisclosurePackage: " + values + " values from identity and billing, all within the allowed categories: "
        + onlyAllowed + "; release recorded at ledger#" + fetched.getLedgerIndex());
    c.narrator.why("investigation bases need evidence and go only to an authority (or, for fraud, an NDA processor); each basis "
        + "carries only what it needs — a ToS case never payment data — and the package is assembled with only the allowed categories");
    c.narrator.expect(withoutEvidence.startsWith("FAILED_PRECONDITION"), "missing evidence is refused");
    c.narrator.expect(minimised.getOutcome() == DecisionOutcome.DECISION_OUTCOME_ALLOWED
        && !minimised.getAllowedCategoriesList().contains(DataCategory.DATA_CATEGORY_USER_FINANCIAL_CREDIT_CARD), "payment data minimised away");
    c.narrator.expect(onlyAllowed, "the package holds only allowed categories");
  }

  void p10Acquisition() throws InterruptedException {
    c.narrator.clause("P10", "On an acquisition, users are notified before their information is transferred");
    String acquirer = recipient("acquirer", RecipientKind.RECIPIENT_KIND_ACQUIRER,
        List.of(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION),
        List.of(DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL), null);
    var stub = c.clients.stub("disclosure", DisclosureServiceGrpc::newBlockingStub, "operator", Purpose.SERVICE_PROVISION);
    int mailsBefore = c.mail.map(m -> m.messages().size()).orElse(0);
    Disclosure pending = decide(RequestDisclosureRequest.newBuilder().setRecipient(acquirer)
        .setScope(DisclosureScope.newBuilder().setProject(c.project))
        .addCategories(DataCategory.DATA_CATEGORY_USER_NAME).addCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)
        .setPurpose(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION)
        .setBasis(DisclosureBasis.DISCLOSURE_BASIS_CORPORATE_TRANSACTION).setRecipientUse(RecipientUse.RECIPIENT_USE_BUSINESS_CONTINUITY)
        .setRequestedBy("demo-operator").setRequestId(UUID.randomUUID().toString()).build(), Purpose.SERVICE_PROVISION);
    c.narrator.asked("operator RequestDisclosure of the whole demo site to an acquirer (corporate transaction)");
    c.narrator.answered(summary(pending));
    Disclosure latest = pending;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (latest.getOutcome() == DecisionOutcome.DECISION_OUTCOME_PENDING_NOTICE && Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
      latest = stub.reevaluateDisclosure(ReevaluateDisclosureRequest.newBuilder().setName(pending.getName()).build()).getDisclosure();
    }
    var notices = stub.listTransferNotices(ListTransferNoticesRequest.newBuilder().setParent(pending.getName()).build());
    int mailsAfter = c.mail.map(m -> m.messages().size()).orElse(0);
    c.narrator.answered(notices.getNoticesCount() + " subjects notified by e-mail (" + (mailsAfter - mailsBefore)
        + " messages reached the local mail catcher); after the notice period, ReevaluateDisclosure: " + summary(latest));
    c.narrator.why("the transfer stays PENDING_NOTICE until every affected subject's notice was delivered and the notice period "
        + "(30 days by default; shortened for this demo) has passed");
    c.narrator.expect(pending.getOutcome() == DecisionOutcome.DECISION_OUTCOME_PENDING_NOTICE, "pending at first");
    c.narrator.expect(latest.getOutcome() == DecisionOutcome.DECISION_OUTCOME_ALLOWED, "allowed after notices and the period");
  }

  void p11Processors() {
    c.narrator.clause("P11", "Third parties under NDA and companies under common control, for permitted purposes only");
    Instant now = Instant.now();
    NonDisclosureAgreement valid = NonDisclosureAgreement.newBuilder().setReference("NDA-" + c.run)
        .setStartTime(Timestamp.newBuilder().setSeconds(now.minus(Duration.ofDays(30)).getEpochSecond()))
        .setEndTime(Timestamp.newBuilder().setSeconds(now.plus(Duration.ofDays(365)).getEpochSecond())).build();
    NonDisclosureAgreement expired = valid.toBuilder().setReference("NDA-OLD-" + c.run)
        .setStartTime(Timestamp.newBuilder().setSeconds(now.minus(Duration.ofDays(800)).getEpochSecond()))
        .setEndTime(Timestamp.newBuilder().setSeconds(now.minus(Duration.ofDays(1)).getEpochSecond())).build();
    var purposes = List.of(org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT);
    var categories = List.of(DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL);
    String mailer = recipient("mailer", RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA, purposes, categories, valid);
    String lapsed = recipient("oldmailer", RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA, purposes, categories, expired);
    Disclosure ok = decide(request(mailer, org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT, DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL, DataCategory.DATA_CATEGORY_USER_CONTACT_ADDRESS).build(),
        Purpose.CONTACT);
    Disclosure denied = decide(request(lapsed, org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT, DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR,
        RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL).build(), Purpose.CONTACT);
    c.narrator.asked("e-mail and postal address to a mailing processor under a valid NDA; e-mail to one whose NDA has expired");
    c.narrator.answered("valid NDA: " + summary(ok));
    c.narrator.answered("expired NDA: " + summary(denied));
    c.narrator.why("the recipients registry keeps NDA references and validity, affiliate status and permitted purposes and "
        + "categories, versioned; the decision checks them at decision time and records the version it used");
    c.narrator.expect(ok.getOutcome() == DecisionOutcome.DECISION_OUTCOME_ALLOWED
        && !ok.getAllowedCategoriesList().contains(DataCategory.DATA_CATEGORY_USER_CONTACT_ADDRESS), "allowed, without the unpermitted address");
    c.narrator.expect(denied.getOutcome() == DecisionOutcome.DECISION_OUTCOME_DENIED && denied.getRule().startsWith("P11"), "expired NDA denied");
  }
}
