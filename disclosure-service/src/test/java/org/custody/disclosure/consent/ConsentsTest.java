package org.custody.disclosure.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custody.disclosure.ledger.InMemoryLedgerStore;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.recipient.InMemoryRecipientStore;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.subject.Subject;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Consents (P8) on in-memory stores and a clock moved by hand. */
class ConsentsTest {
  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
  private final Ledger ledger = new Ledger(new InMemoryTransactions(), ledgerStore, TreeHeadSigner.fromSeed(new byte[32]), clock, 16);
  private final Recipients recipients = new Recipients(new InMemoryRecipientStore(), ledger, clock);
  private final InMemoryConsentStore store = new InMemoryConsentStore();
  /** Accounts are their own ledger id; a person known by e-mail gets a pseudonym, as the jOOQ pseudonyms do. */
  private final SubjectPseudonyms pseudonyms = subjects -> subjects.stream().collect(Collectors.toMap(Function.identity(),
      s -> s.account().orElseGet(() -> s.project() + "/emailSubjects/p" + Math.abs(s.key().hashCode()))));
  private final Consents consents = new Consents(store, recipients, pseudonyms, ledger, clock);
  private static final Subject ANN = Subject.account("projects/acme/accounts/ann");

  ConsentsTest() {
    recipients.create(new Recipient("survey-partner", 0, "Survey Partner", RecipientKind.PROCESSOR_UNDER_NDA, Set.of(Purpose.RESEARCH),
        Set.of(DataCategory.USER_CONTACT_EMAIL), Optional.of(new Recipient.Nda("NDA-1", Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2028-01-01T00:00:00Z"))), Optional.empty(), Optional.empty(), Instant.EPOCH));
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private static Consent draft(Subject subject, String recipient, Optional<Instant> expiry, String policyVersion) {
    return new Consent("ignored", subject, recipient, Set.of(Purpose.RESEARCH), Set.of(DataCategory.USER_CONTACT_EMAIL), expiry,
        policyVersion, CaptureMethod.WEB_FORM, Optional.of("form-77"), Instant.EPOCH, Optional.empty(), -1, Optional.empty());
  }

  private String entry(long index) {
    return new String(ledgerStore.entries.get(index).payload(), StandardCharsets.UTF_8);
  }

  @Test
  void P8_grant_isActive_stored_andOneLedgerEntryAtItsIndex() {
    Consent granted = consents.grant(draft(ANN, "survey-partner", Optional.empty(), "2026-11-01"));
    assertThat(granted.id()).isNotEqualTo("ignored");
    assertThat(granted.grantTime()).isEqualTo(clock.instant());
    assertThat(granted.stateAt(clock.instant())).isEqualTo(ConsentState.ACTIVE);
    assertThat(consents.get(granted.id())).isEqualTo(granted);
    assertThat(ledgerStore.entries).hasSize(2); // the recipient's version, then the grant
    assertThat(entry(granted.grantLedgerIndex())).contains("\"type\":\"consent.granted\"").contains(granted.name())
        .contains("projects/acme/accounts/ann").contains("\"policyVersion\":\"2026-11-01\"");
  }

  @Test
  void P8_grantForAPersonKnownByEmail_entersTheLedgerUnderAPseudonym() {
    Consent granted = consents.grant(draft(Subject.email("projects/acme", "Hana@Example.org"), "survey-partner", Optional.empty(), "v1"));
    assertThat(entry(granted.grantLedgerIndex())).contains("projects/acme/emailSubjects/").doesNotContain("@").doesNotContainIgnoringCase("hana");
  }

  @Test
  void grant_forAnUnknownRecipient_isNotFound_andWritesNothing() {
    assertThatThrownBy(() -> consents.grant(draft(ANN, "nobody", Optional.empty(), "v1")))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThat(consents.list(ANN, true, Optional.empty(), 10)).isEmpty();
    assertThat(ledgerStore.entries).hasSize(1);
  }

  @Test
  void grant_expiringNowOrEarlier_isInvalid() {
    assertThatThrownBy(() -> consents.grant(draft(ANN, "survey-partner", Optional.of(clock.instant()), "v1")))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("expire_time"));
  }

  @Test
  void grant_withAnAddressAsPolicyVersion_isInvalid_forItWouldEnterTheLedger() {
    assertThatThrownBy(() -> consents.grant(draft(ANN, "survey-partner", Optional.empty(), "ann@example.org")))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("policy_version"));
    assertThat(ledgerStore.entries).hasSize(1);
  }

  @Test
  void P8_revoke_recordsItsTimeAndEntry_andRevokingAgainChangesNothing() {
    Consent granted = consents.grant(draft(ANN, "survey-partner", Optional.empty(), "v1"));
    clock.advance(Duration.ofMinutes(5));
    Consent revoked = consents.revoke(granted.id());
    assertThat(revoked.revokeTime()).contains(clock.instant());
    assertThat(revoked.stateAt(clock.instant())).isEqualTo(ConsentState.REVOKED);
    assertThat(entry(revoked.revokeLedgerIndex().orElseThrow())).contains("\"type\":\"consent.revoked\"").contains(granted.name());
    assertThat(consents.get(granted.id())).isEqualTo(revoked);

    clock.advance(Duration.ofMinutes(5));
    assertThat(consents.revoke(granted.id())).isEqualTo(revoked);
    assertThat(ledgerStore.entries).hasSize(3);
  }

  @Test
  void revoke_ofAnUnknownConsent_isNotFound() {
    assertThatThrownBy(() -> consents.revoke("00000000-0000-0000-0000-000000000000"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void P8_expiredAndRevokedConsents_leaveTheActiveList_butStayInTheHistory() {
    Consent expiring = consents.grant(draft(ANN, "survey-partner", Optional.of(clock.instant().plus(Duration.ofDays(1))), "v1"));
    clock.advance(Duration.ofSeconds(1));
    Consent revoked = consents.revoke(consents.grant(draft(ANN, "survey-partner", Optional.empty(), "v1")).id());
    clock.advance(Duration.ofSeconds(1));
    Consent open = consents.grant(draft(ANN, "survey-partner", Optional.empty(), "v1"));

    assertThat(consents.list(ANN, false, Optional.empty(), 10)).containsExactly(open, expiring);
    clock.advance(Duration.ofDays(1));
    assertThat(consents.list(ANN, false, Optional.empty(), 10)).containsExactly(open);
    List<Consent> history = consents.list(ANN, true, Optional.empty(), 10);
    assertThat(history).containsExactly(open, revoked, expiring);
    assertThat(history.get(2).stateAt(clock.instant())).isEqualTo(ConsentState.EXPIRED);
    assertThat(store.live(List.of(ANN.key()), "survey-partner", clock.instant())).containsExactly(open);
  }

  @Test
  void list_pagesNewestFirst() {
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      consents.grant(draft(ANN, "survey-partner", Optional.empty(), "v" + i));
    }
    List<Consent> first = consents.list(ANN, false, Optional.empty(), 2);
    assertThat(first).extracting(Consent::policyVersion).containsExactly("v2", "v1");
    Consent last = first.get(1);
    assertThat(consents.list(ANN, false, Optional.of(new ConsentStore.Cursor(last.grantTime(), last.id())), 2))
        .extracting(Consent::policyVersion).containsExactly("v0");
  }
}
