package org.custody.disclosure.api;

import java.util.List;
import java.util.UUID;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.platform.access.Purpose;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.analytics.v1.Answer;
import org.custody.proto.analytics.v1.CreateSurveyRequest;
import org.custody.proto.analytics.v1.Question;
import org.custody.proto.analytics.v1.QuestionKind;
import org.custody.proto.analytics.v1.SubmitSurveyResponseRequest;
import org.custody.proto.analytics.v1.Survey;
import org.custody.proto.analytics.v1.SurveyServiceGrpc;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CardBrand;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.CreateInvoiceRequest;
import org.custody.proto.billing.v1.CreatePaymentMethodRequest;
import org.custody.proto.billing.v1.InvoiceLineItem;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CaptureMethod;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.Disclosure;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.Evidence;
import org.custody.proto.disclosure.v1.FetchDisclosurePackageRequest;
import org.custody.proto.disclosure.v1.GrantConsentRequest;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectList;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;

/**
 * A subject with data in every service, seeded through the services' own APIs: an identity
 * account (name, e-mail, company); a billing profile, a card and an invoice; a survey response in
 * analytics; in disclosure a consent and a disclosure released to a court that has a notice address.
 */
record SeededSubject(SubjectRef ref, String name, String email, String company, String street, String city, String last4,
    String surveyAnswer, String invoice, String consent, Disclosure released) {
  static final org.custody.proto.common.v1.Purpose FRAUD = org.custody.proto.common.v1.Purpose.PURPOSE_SECURITY_FRAUD;
  static final String COURT_ADDRESS = "registry@court.example";
  static final String PASSWORD = "curiouser and curiouser 1865";

  /** The project site and the court, once per disclosure database. */
  static void registerProjectAndCourt(TestLeaves leaves, ServiceHarness disclosure, String project) {
    leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .createProject(CreateProjectRequest.newBuilder().setProjectId(project).setDisplayName("Support site " + project).build());
    disclosure.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("court").setRecipient(Recipient.newBuilder()
            .setDisplayName("Regional Court").setKind(RecipientKind.RECIPIENT_KIND_PUBLIC_AUTHORITY).setNoticeEmail(COURT_ADDRESS)
            .addPermittedPurposes(FRAUD).addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_LEGAL_COMPLIANCE)
            .addAllPermittedCategories(List.of(DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)))
            .build());
  }

  static SeededSubject seed(TestLeaves leaves, ServiceHarness disclosure, String project, String first) {
    String name = first + " Liddell";
    String email = first.toLowerCase() + "@wonder.example";
    String company = "Looking Glass " + first + " Ltd";
    String account = leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION)
        .createAccount(CreateAccountRequest.newBuilder().setParent("projects/" + project).setFullName(name).setCompany(company)
            .setEmail(email).setPassword(PASSWORD).build()).getAccount().getName();
    SubjectRef ref = SubjectRef.newBuilder().setProject("projects/" + project).setAccount(account).build();

    // The front end acts for the signed-in person: their session goes with every call on their data.
    String session = leaves.login("projects/" + project, email, PASSWORD);
    var billing = TestSessions.withSession(leaves.billing().stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.BILLING),
        session);
    String street = "1 Rabbit Hole " + first;
    String city = "Oxford" + first;
    String profile = billing.createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account)
        .setBillingProfile(BillingProfile.newBuilder().setBillingName(name).setCompany(company).setBillingEmail(email)
            .setAddress(PostalAddress.newBuilder().addAddressLines(street).setLocality(city).setPostalCode("OX1 1AA").setRegionCode("GB")))
        .build()).getBillingProfile().getName();
    String last4 = "4" + (1000 + Math.abs(first.hashCode()) % 9000);
    last4 = last4.substring(last4.length() - 4);
    billing.createPaymentMethod(CreatePaymentMethodRequest.newBuilder().setParent(account).setProcessor("stripe")
        .setProcessorToken("tok_secret_" + first).setBrand(CardBrand.CARD_BRAND_VISA).setLast4(last4).setExpMonth(12).setExpYear(2031)
        .build());
    String invoice = leaves.billing().stub(BillingServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.BILLING)
        .createInvoice(CreateInvoiceRequest.newBuilder().setParent(account).setBillingProfile(profile).setCurrencyCode("EUR")
            .addLineItems(InvoiceLineItem.newBuilder().setDescription("Pro plan").setQuantity(3).setUnitAmountMinor(1999)).build())
        .getInvoice().getName();

    Survey survey = leaves.analytics().stub(SurveyServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT)
        .createSurvey(CreateSurveyRequest.newBuilder().setParent("projects/" + project).setSurvey(Survey.newBuilder().setTitle("How was it?")
            .addQuestions(Question.newBuilder().setQuestionId("pick").setText("Pick one").setKind(QuestionKind.QUESTION_KIND_CHOICE)
                .addAllOptions(List.of("looking-glass-" + first.toLowerCase(), "rabbit-hole")))).build()).getSurvey();
    String answer = "looking-glass-" + first.toLowerCase();
    TestSessions.withSession(leaves.analytics().stub(SurveyServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT),
        session).submitSurveyResponse(SubmitSurveyResponseRequest.newBuilder().setSurvey(survey.getName()).setRespondent(account)
            .addAnswers(Answer.newBuilder().setQuestionId("pick").setOption(answer)).setRequestId(UUID.randomUUID().toString()).build());

    String consent = TestSessions.withSession(disclosure.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SUBJECT_REQUEST),
        session).grantConsent(GrantConsentRequest.newBuilder().setSubject(ref).setRecipient("recipients/court").addPurposes(FRAUD)
            .addCategories(DataCategory.DATA_CATEGORY_USER_NAME).setPolicyVersion("2026-11-01")
            .setCaptureMethod(CaptureMethod.CAPTURE_METHOD_WEB_FORM).setCaptureReference("form-" + first).build())
        .getConsent().getName();
    var operator = disclosure.stub(DisclosureServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SECURITY_FRAUD);
    Disclosure d = operator.requestDisclosure(RequestDisclosureRequest.newBuilder().setRecipient("recipients/court")
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder().addSubjects(ref)))
        .addCategories(DataCategory.DATA_CATEGORY_USER_NAME).addCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)
        .setPurpose(FRAUD).setBasis(DisclosureBasis.DISCLOSURE_BASIS_TERMS_OF_SERVICE).setRecipientUse(RecipientUse.RECIPIENT_USE_LEGAL_PROCESS)
        .setEvidence(Evidence.newBuilder().setCaseReference("TOS-2026-" + first).setAuthority("Trust and Safety board"))
        .setRequestedBy("operator-3").setRequestId(UUID.randomUUID().toString()).build()).getDisclosure();
    operator.fetchDisclosurePackage(FetchDisclosurePackageRequest.newBuilder().setName(d.getName()).build());
    return new SeededSubject(ref, name, email, company, street, city, last4, answer, invoice, consent, d);
  }

  /** Every seeded value, as an export must show it. */
  List<String> values() {
    return List.of(name, email, company, street, city, last4, surveyAnswer, invoice, consent, released.getName(), ref.getAccount());
  }
}
