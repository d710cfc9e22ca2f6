package org.custody.disclosure.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.platform.classification.DataCategory.USER_CONTACT_EMAIL;
import static org.custody.platform.classification.DataCategory.USER_NAME;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custody.disclosure.consent.CaptureMethod;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.consent.InMemoryConsentStore;
import org.custody.disclosure.ledger.InMemoryLedgerStore;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.recipient.InMemoryRecipientStore;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientField;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.subject.Subject;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Disclosure decisions (P7-P11) through the domain, on in-memory stores and a clock moved by hand. */
class DisclosuresTest {
  private static final Subject ALICE = Subject.account("projects/acme/accounts/alice");
  private static final Subject BOB = Subject.account("projects/acme/accounts/bob");
  private static final Duration PACKAGE_LIFETIME = Duration.ofHours(24);
  private static final Duration NOTICE_PERIOD = Duration.ofDays(30);

  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
  private final Ledger ledger = new Ledger(new InMemoryTransactions(), ledgerStore, TreeHeadSigner.fromSeed(new byte[32]), clock, 16);
  private final Recipients recipients = new Recipients(new InMemoryRecipientStore(), ledger, clock);
  private final InMemoryDisclosureStore store = new InMemoryDisclosureStore();
  private final InMemoryConsentStore consents = new InMemoryConsentStore();
  private final FakeNoticeCampaigns campaigns = new FakeNoticeCampaigns();
  private final List<String> decided = new ArrayList<>();
  private final SubjectPseudonyms pseudonyms = subjects -> subjects.stream().collect(Collectors.toMap(Function.identity(),
      s -> s.account().orElseThrow()));
  private boolean ledgerTrusted = true;
  private final Disclosures disclosures = new Disclosures(store, recipients, consents, pseudonyms, campaigns,
      new DisclosureRules(NOTICE_PERIOD), ledger, (outcome, basis) -> decided.add(outcome + " " + basis), clock, PACKAGE_LIFETIME, () -> {
        if (!ledgerTrusted) {
          throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "LEDGER_UNTRUSTED", "the ledger failed verification");
        }
      });

  DisclosuresTest() {
    recipient("court", RecipientKind.PUBLIC_AUTHORITY, Purpose.LEGAL_COMPLIANCE, Optional.empty());
    recipient("partner", RecipientKind.SERVICE_PARTNER, Purpose.CONTACT, Optional.empty());
    recipient("buyer", RecipientKind.ACQUIRER, Purpose.SERVICE_PROVISION, Optional.empty());
    recipient("seller", RecipientKind.COMMERCIAL_ORGANISATION, Purpose.SERVICE_PROVISION, Optional.empty());
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private Recipient recipient(String id, RecipientKind kind, Purpose purpose, Optional<String> controller) {
    return recipients.create(new Recipient(id, 0, id, kind, Set.of(purpose), Set.of(USER_NAME, USER_CONTACT_EMAIL), Optional.empty(),
        controller, Optional.empty(), Instant.EPOCH));
  }

  private static DisclosureRequest request(String recipient, DisclosureBasis basis, Purpose purpose, RecipientUse use, Evidence evidence,
      String requestId, byte hash, Subject... subjects) {
    byte[] requestHash = new byte[32];
    requestHash[0] = hash;
    return new DisclosureRequest(recipient, Scope.subjects(List.of(subjects)), Set.of(USER_NAME), purpose, basis, use, evidence, "operator-7",
        "operator", requestId, requestHash);
  }

  private static DisclosureRequest courtOrder(String requestId, byte hash) {
    return request("court", DisclosureBasis.REQUIRED_BY_LAW, Purpose.LEGAL_COMPLIANCE, RecipientUse.LEGAL_PROCESS,
        new Evidence(Optional.of("CASE-42"), Optional.of("Regional Court"), Optional.empty()), requestId, hash, ALICE);
  }

  private static DisclosureRequest transfer() {
    return new DisclosureRequest("buyer", Scope.project("projects/acme"), Set.of(USER_NAME), Purpose.SERVICE_PROVISION,
        DisclosureBasis.CORPORATE_TRANSACTION, RecipientUse.BUSINESS_CONTINUITY, Evidence.none(), "operator-7", "operator",
        UUID.randomUUID().toString(), new byte[32]);
  }

  private List<String> decisionEntries() {
    return ledgerStore.entries.values().stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8))
        .filter(t -> t.contains("\"type\":\"disclosure.decided\"")).toList();
  }

  @Test
  void P9_aCourtOrderWithItsEvidence_isAllowed_storedWithItsRecipientVersion_andLedgeredWithoutTheEvidenceText() {
    Disclosure d = disclosures.request(courtOrder(UUID.randomUUID().toString(), (byte) 1), Purpose.LEGAL_COMPLIANCE);
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(d.decision().rule()).startsWith("P9_");
    assertThat(d.decision().allowedCategories()).containsExactly(USER_NAME);
    assertThat(d.recipientVersion()).isEqualTo(1);
    assertThat(d.expireTime()).contains(clock.instant().plus(PACKAGE_LIFETIME));
    assertThat(disclosures.get(d.id())).usingRecursiveComparison().isEqualTo(d);
    assertThat(decisionEntries()).singleElement().asString().contains(d.name()).contains("\"outcome\":\"ALLOWED\"")
        .contains(ALICE.account().orElseThrow()).doesNotContain("CASE-42").doesNotContain("Regional Court");
    assertThat(decided).containsExactly("ALLOWED REQUIRED_BY_LAW");
  }

  @Test
  void P9_aCourtOrderWithoutItsEvidence_isRefusedBeforeAnythingIsWritten() {
    DisclosureRequest noEvidence = request("court", DisclosureBasis.REQUIRED_BY_LAW, Purpose.LEGAL_COMPLIANCE, RecipientUse.LEGAL_PROCESS,
        Evidence.none(), UUID.randomUUID().toString(), (byte) 1, ALICE);
    assertThatThrownBy(() -> disclosures.request(noEvidence, Purpose.LEGAL_COMPLIANCE)).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.reason()).isEqualTo("EVIDENCE_MISSING"));
    assertThat(decisionEntries()).isEmpty();
    assertThat(decided).isEmpty();
  }

  @Test
  void P7_aCommercialRecipient_isDenied_andTheDenialIsLedgeredToo() {
    Disclosure d = disclosures.request(request("seller", DisclosureBasis.NDA_PROCESSOR, Purpose.SERVICE_PROVISION,
        RecipientUse.SERVICE_DELIVERY, Evidence.none(), UUID.randomUUID().toString(), (byte) 1, ALICE), Purpose.SERVICE_PROVISION);
    assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(d.decision().rule()).isEqualTo("P7_COMMERCIAL_RECIPIENT");
    assertThat(d.expireTime()).isEmpty();
    assertThat(decisionEntries()).singleElement().asString().contains("\"outcome\":\"DENIED\"");
    assertThat(decided).containsExactly("DENIED NDA_PROCESSOR");
  }

  @Test
  void P8_onTheConsentBasis_onlySubjectsWithALiveConsentAreAllowed() {
    Consent alices = new Consent(UUID.randomUUID().toString(), ALICE, "partner", Set.of(Purpose.CONTACT), Set.of(USER_NAME),
        Optional.empty(), "v1", CaptureMethod.WEB_FORM, Optional.empty(), clock.instant(), Optional.empty(), 1, Optional.empty());
    Consent bobsRevoked = new Consent(UUID.randomUUID().toString(), BOB, "partner", Set.of(Purpose.CONTACT), Set.of(USER_NAME),
        Optional.empty(), "v1", CaptureMethod.WEB_FORM, Optional.empty(), clock.instant(), Optional.of(clock.instant()), 2, Optional.of(3L));
    new InMemoryTransactions().inTransaction(tx -> {
      consents.insert(tx, alices);
      consents.insert(tx, bobsRevoked);
      return null;
    });

    Disclosure d = disclosures.request(request("partner", DisclosureBasis.CONSENT, Purpose.CONTACT, RecipientUse.SERVICE_DELIVERY,
        Evidence.none(), UUID.randomUUID().toString(), (byte) 1, ALICE, BOB), Purpose.CONTACT);
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(d.decision().rule()).isEqualTo("P8_CONSENT");
    assertThat(d.decision().subjects()).extracting(SubjectDecision::outcome).containsExactly(Outcome.ALLOWED, Outcome.DENIED);
    assertThat(store.subjects(d.id())).extracting(SubjectDecision::outcome).containsExactly(Outcome.ALLOWED, Outcome.DENIED);
  }

  @Test
  void aRetriedRequestId_getsTheStoredDecisionBack_andAddsNothingToTheLedger() {
    String requestId = UUID.randomUUID().toString();
    Disclosure first = disclosures.request(courtOrder(requestId, (byte) 1), Purpose.LEGAL_COMPLIANCE);
    clock.advance(Duration.ofMinutes(1));
    Disclosure again = disclosures.request(courtOrder(requestId, (byte) 1), Purpose.LEGAL_COMPLIANCE);
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.decideTime()).isEqualTo(first.decideTime());
    assertThat(decisionEntries()).hasSize(1);
    assertThat(decided).hasSize(1);

    assertThatThrownBy(() -> disclosures.request(courtOrder(requestId, (byte) 2), Purpose.LEGAL_COMPLIANCE))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.reason()).isEqualTo("REQUEST_ID_REUSED");
          assertThat(e.violations()).extracting(v -> v.field()).containsExactly("request_id");
        });
  }

  @Test
  void aDecisionForAnotherPurposeThanTheCallDeclares_orOnAnUntrustedLedger_isRefused() {
    assertThatThrownBy(() -> disclosures.request(courtOrder(UUID.randomUUID().toString(), (byte) 1), Purpose.SERVICE_PROVISION))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED));
    ledgerTrusted = false;
    assertThatThrownBy(() -> disclosures.request(courtOrder(UUID.randomUUID().toString(), (byte) 1), Purpose.LEGAL_COMPLIANCE))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("LEDGER_UNTRUSTED"));
    assertThat(decisionEntries()).isEmpty();
  }

  @Test
  void P10_aCorporateTransfer_waitsForItsNotices_andIsDecidedAgainOnTheCurrentRecipientVersion() {
    Disclosure pending = disclosures.request(transfer(), Purpose.SERVICE_PROVISION);
    assertThat(pending.outcome()).isEqualTo(Outcome.PENDING_NOTICE);
    assertThat(pending.noticePeriodEnd()).contains(clock.instant().plus(NOTICE_PERIOD));
    assertThat(pending.expireTime()).isEmpty();
    assertThat(campaigns.opened).containsExactly(pending.id());
    assertThat(campaigns.nudges).isEqualTo(1);

    Instant listed = clock.instant().plusSeconds(60);
    Instant lastDelivery = listed.plus(Duration.ofHours(1));
    campaigns.statuses.put(pending.id(), new NoticeStatus(Optional.of(listed), 2, 1, 0, Optional.of(lastDelivery), Optional.empty()));
    clock.advance(Duration.ofDays(1));
    Disclosure waiting = disclosures.reevaluate(pending.id());
    assertThat(waiting.outcome()).isEqualTo(Outcome.PENDING_NOTICE);
    assertThat(disclosures.get(pending.id()).decision().reason()).contains("1 of 2");
    assertThat(decisionEntries()).as("progress is no new decision").hasSize(1);

    recipients.update("buyer", Set.of(RecipientField.DISPLAY_NAME), new Recipient("buyer", 0, "Buyer Ltd", RecipientKind.ACQUIRER, Set.of(),
        Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH));
    campaigns.statuses.put(pending.id(), new NoticeStatus(Optional.of(listed), 2, 2, 0, Optional.of(lastDelivery), Optional.empty()));
    clock.set(lastDelivery.plus(NOTICE_PERIOD));
    Disclosure allowed = disclosures.reevaluate(pending.id());
    assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(allowed.decision().rule()).isEqualTo("P10_NOTICE_GIVEN");
    assertThat(allowed.recipientVersion()).isEqualTo(2);
    assertThat(allowed.expireTime()).contains(clock.instant().plus(PACKAGE_LIFETIME));
    assertThat(disclosures.get(pending.id()).outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(decisionEntries()).hasSize(2);
    assertThat(decisionEntries().get(1)).contains("\"reevaluated\":true").contains("\"recipientVersion\":2");
    assertThat(decided).containsExactly("PENDING_NOTICE CORPORATE_TRANSACTION", "ALLOWED CORPORATE_TRANSACTION");

    assertThatThrownBy(() -> disclosures.reevaluate(pending.id())).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.reason()).isEqualTo("DISCLOSURE_NOT_PENDING"));
  }

  @Test
  void releasedWith_listsOnlyReleasedDisclosuresNamingTheSubject() {
    Disclosure d = disclosures.request(courtOrder(UUID.randomUUID().toString(), (byte) 1), Purpose.LEGAL_COMPLIANCE);
    assertThat(disclosures.releasedWith(ALICE, Optional.empty(), 10)).isEmpty();
    new InMemoryTransactions().inTransaction(tx -> {
      store.markReleased(tx, d.id(), clock.instant(), 99);
      return null;
    });
    assertThat(disclosures.releasedWith(ALICE, Optional.empty(), 10)).extracting(Disclosure::id).containsExactly(d.id());
    assertThat(disclosures.releasedWith(BOB, Optional.empty(), 10)).isEmpty();
  }
}
