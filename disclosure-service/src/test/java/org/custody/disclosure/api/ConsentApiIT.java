package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CaptureMethod;
import org.custody.proto.disclosure.v1.Consent;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.ConsentState;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.GrantConsentRequest;
import org.custody.proto.disclosure.v1.ListConsentsRequest;
import org.custody.proto.disclosure.v1.ListConsentsResponse;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RevokeConsentRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Consents over gRPC (P8): grant, revoke, history, expiry, idempotency, ledger entries without addresses. */
@ExtendWith(FreshDatabase.class)
class ConsentApiIT {
  private static final MutableClock clock = MutableClock.at("2026-11-27T10:00:00.000001Z");
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = ServiceHarness.of(DisclosureTestServer.start(database, clock, Map.of()));
    harness.stub(RecipientServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("survey-partner").setRecipient(Recipient.newBuilder()
            .setDisplayName("Survey Partner").setKind(RecipientKind.RECIPIENT_KIND_SERVICE_PARTNER)
            .addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_RESEARCH)
            .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)).build());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static ConsentServiceGrpc.ConsentServiceBlockingStub frontend() {
    return harness.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION)
        .withInterceptors(DisclosureTestServer.signedIn());
  }

  /** The front end with the session of {@code account} only. */
  private static ConsentServiceGrpc.ConsentServiceBlockingStub frontendAs(String account) {
    return TestSessions.withSession(harness.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION),
        DisclosureTestServer.SESSIONS.issue(account));
  }

  private static GrantConsentRequest.Builder grant(SubjectRef subject) {
    return GrantConsentRequest.newBuilder().setSubject(subject).setRecipient("recipients/survey-partner")
        .addPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_RESEARCH)
        .addCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)
        .setPolicyVersion("2026-11-01").setCaptureMethod(CaptureMethod.CAPTURE_METHOD_WEB_FORM).setCaptureReference("form-77");
  }

  private static SubjectRef account(String id) {
    return SubjectRef.newBuilder().setProject("projects/acme").setAccount("projects/acme/accounts/" + id).build();
  }

  @Test
  void P8_grantConsent_isActive_andListed() {
    Consent consent = frontend().grantConsent(grant(account("ann")).build()).getConsent();
    assertThat(consent.getName()).startsWith("consents/");
    assertThat(consent.getState()).isEqualTo(ConsentState.CONSENT_STATE_ACTIVE);
    assertThat(consent.getGrantTime()).isEqualTo(ProtoTimes.timestamp(clock.instant()));
    assertThat(consent.getPolicyVersion()).isEqualTo("2026-11-01");
    ListConsentsResponse listed = frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("ann")).build());
    assertThat(listed.getConsentsList()).containsExactly(consent);
  }

  @Test
  void P8_revokedConsent_leavesTheActiveListButStaysInTheHistory() {
    Consent consent = frontend().grantConsent(grant(account("ben")).build()).getConsent();
    clock.advance(Duration.ofMinutes(5));
    Consent revoked = frontendAs("projects/acme/accounts/ben").revokeConsent(RevokeConsentRequest.newBuilder().setName(consent.getName()).build())
        .getConsent();
    assertThat(revoked.getState()).isEqualTo(ConsentState.CONSENT_STATE_REVOKED);
    assertThat(revoked.getRevokeTime()).isEqualTo(ProtoTimes.timestamp(clock.instant()));
    assertThat(frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("ben")).build()).getConsentsList()).isEmpty();
    assertThat(frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("ben")).setIncludeInactive(true).build())
        .getConsentsList()).containsExactly(revoked);
    // Revoking again changes nothing.
    assertThat(frontendAs("projects/acme/accounts/ben").revokeConsent(RevokeConsentRequest.newBuilder().setName(consent.getName()).build())
        .getConsent()).isEqualTo(revoked);
  }

  @Test
  void P6_frontendActsOnlyOnTheConsentsOfItsSignedInSubject() {
    Consent consent = frontend().grantConsent(grant(account("ivy")).build()).getConsent();
    var noSession = harness.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION);
    ErrorDetails withoutSession = ErrorDetails.ofFailure(() -> noSession.listConsents(ListConsentsRequest.newBuilder().setSubject(account("ivy")).build()));
    assertThat(withoutSession.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(withoutSession.reason()).isEqualTo("SESSION_REQUIRED");
    var mallory = frontendAs("projects/acme/accounts/mallory");
    ErrorDetails listOther = ErrorDetails.ofFailure(() -> mallory.listConsents(ListConsentsRequest.newBuilder().setSubject(account("ivy")).build()));
    assertThat(listOther.reason()).isEqualTo("SUBJECT_MISMATCH");
    ErrorDetails revokeOther = ErrorDetails.ofFailure(() -> mallory.revokeConsent(RevokeConsentRequest.newBuilder().setName(consent.getName()).build()));
    assertThat(revokeOther.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(revokeOther.reason()).isEqualTo("SUBJECT_MISMATCH");
    ErrorDetails grantOther = ErrorDetails.ofFailure(() -> mallory.grantConsent(grant(account("ivy")).build()));
    assertThat(grantOther.reason()).isEqualTo("SUBJECT_MISMATCH");
    // A person known only by e-mail has no session: the front end cannot act for them.
    SubjectRef byEmail = SubjectRef.newBuilder().setProject("projects/acme").setEmail("ivy@example.org").build();
    assertThat(ErrorDetails.ofFailure(() -> mallory.listConsents(ListConsentsRequest.newBuilder().setSubject(byEmail).build())).reason())
        .isEqualTo("SUBJECT_MISMATCH");
    assertThat(frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("ivy")).build()).getConsentsList())
        .extracting(Consent::getState).containsExactly(ConsentState.CONSENT_STATE_ACTIVE);
    // Staff keep their policy-based access without a session.
    assertThat(harness.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .listConsents(ListConsentsRequest.newBuilder().setSubject(account("ivy")).build()).getConsentsCount()).isEqualTo(1);
  }

  @Test
  void P8_expiredConsent_isListedAsExpiredInTheHistoryOnly() {
    Consent consent = frontend().grantConsent(grant(account("cyd"))
        .setExpireTime(ProtoTimes.timestamp(java.time.Instant.now().plus(Duration.ofDays(400)))).build()).getConsent();
    clock.advance(Duration.ofDays(800));
    assertThat(frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("cyd")).build()).getConsentsList()).isEmpty();
    assertThat(frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("cyd")).setIncludeInactive(true).build())
        .getConsents(0).getState()).isEqualTo(ConsentState.CONSENT_STATE_EXPIRED);
    assertThat(consent.getState()).isEqualTo(ConsentState.CONSENT_STATE_ACTIVE);
    clock.set(java.time.Instant.parse("2026-11-27T12:00:00Z"));
  }

  @Test
  void grantConsent_retriedWithTheSameRequestId_isGrantedOnce() {
    String requestId = UUID.randomUUID().toString();
    Consent first = frontend().grantConsent(grant(account("dee")).setRequestId(requestId).build()).getConsent();
    Consent again = frontend().grantConsent(grant(account("dee")).setRequestId(requestId).build()).getConsent();
    assertThat(again).isEqualTo(first);
    assertThat(frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("dee")).build()).getConsentsCount()).isEqualTo(1);
  }

  @Test
  void grantConsent_unknownRecipient_isNotFound() {
    assertThatThrownBy(() -> frontend().grantConsent(grant(account("eve")).setRecipient("recipients/nobody").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("RECIPIENT_NOT_FOUND");
        });
  }

  @Test
  void grantConsent_withoutCategories_isInvalid() {
    assertThatThrownBy(() -> frontend().grantConsent(grant(account("fay")).clearCategories().build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).violatedFields()).contains("categories"));
  }

  @Test
  void listConsents_pagesNewestFirst() {
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      frontend().grantConsent(grant(account("gus")).build());
    }
    ListConsentsResponse first = frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("gus")).setPageSize(2).build());
    assertThat(first.getConsentsCount()).isEqualTo(2);
    assertThat(first.getConsents(0).getGrantTime().getSeconds()).isGreaterThan(first.getConsents(1).getGrantTime().getSeconds());
    ListConsentsResponse second = frontend().listConsents(ListConsentsRequest.newBuilder().setSubject(account("gus")).setPageSize(2)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(second.getConsentsCount()).isEqualTo(1);
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void consentOfAPersonKnownByEmail_entersTheLedgerUnderAPseudonym() {
    SubjectRef byEmail = SubjectRef.newBuilder().setProject("projects/acme").setEmail("Hana.Example@Example.org").build();
    // Recorded by staff: the front end acts only for signed-in accounts.
    Consent consent = harness.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .grantConsent(grant(byEmail).build()).getConsent();
    assertThat(consent.getSubject().getEmail()).isEqualTo("hana.example@example.org");
    var ledger = harness.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
    var entries = ledger.listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList();
    LedgerEntry granted = entries.stream().filter(e -> e.getPayload().toStringUtf8().contains(consent.getName())).findFirst().orElseThrow();
    assertThat(granted.getEntryType()).isEqualTo("consent.granted");
    assertThat(granted.getPayload().toStringUtf8()).contains("projects/acme/emailSubjects/").doesNotContain("@").doesNotContainIgnoringCase("hana");
  }

  @Test
  void grantConsent_byTheHelpdesk_isDenied() {
    assertThatThrownBy(() -> harness.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.HELPDESK, Purpose.SERVICE_PROVISION)
        .grantConsent(grant(account("ida")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }
}
