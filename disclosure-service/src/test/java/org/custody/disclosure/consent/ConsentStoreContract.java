package org.custody.disclosure.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.custody.disclosure.ledger.LedgerTransactions;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.subject.Subject;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConsentStore} does, run on the in-memory fake and on the jOOQ store with a
 * real database. The database lives for the whole class, so each case uses subjects of its own.
 */
abstract class ConsentStoreContract {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  abstract LedgerTransactions transactions();

  abstract ConsentStore store();

  private final String project = "projects/p" + UUID.randomUUID().toString().substring(0, 8);

  Subject subject(String account) {
    return Subject.account(project + "/accounts/" + account);
  }

  static Consent consent(String id, Subject subject, String recipient, Instant granted, Optional<Instant> expiry) {
    return new Consent(id, subject, recipient, Set.of(Purpose.CONTACT, Purpose.BILLING), Set.of(DataCategory.USER_CONTACT_EMAIL), expiry,
        "v1", CaptureMethod.WEB_FORM, Optional.of("form-7"), granted, Optional.empty(), 3, Optional.empty());
  }

  private Consent insert(Consent consent) {
    transactions().inTransaction(tx -> {
      store().insert(tx, consent);
      return null;
    });
    return consent;
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  @Test
  void insertedConsent_isFoundAsWritten() {
    Consent written = insert(consent(newId(), subject("a"), "r1", T0, Optional.of(T0.plusSeconds(3600))));
    assertThat(store().find(written.id())).contains(written);
    assertThat(store().find(newId())).isEmpty();
  }

  @Test
  void aSecondConsentWithTheSameId_failsTheTransaction_andKeepsTheFirst() {
    Consent first = insert(consent(newId(), subject("a"), "r1", T0, Optional.empty()));
    Consent same = consent(first.id(), subject("b"), "r2", T0.plusSeconds(1), Optional.empty());
    assertThatThrownBy(() -> insert(same)).isInstanceOf(WriteConflict.class);
    assertThat(store().find(first.id())).contains(first);
  }

  @Test
  void aRolledBackInsert_leavesNothing() {
    Consent rolledBack = consent(newId(), subject("a"), "r1", T0, Optional.empty());
    assertThatThrownBy(() -> transactions().inTransaction(tx -> {
      store().insert(tx, rolledBack);
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store().find(rolledBack.id())).isEmpty();
  }

  @Test
  void markRevoked_underALock_recordsTimeAndLedgerIndex() {
    Consent granted = insert(consent(newId(), subject("a"), "r1", T0, Optional.empty()));
    Optional<Consent> locked = transactions().inTransaction(tx -> {
      Optional<Consent> seen = store().lock(tx, granted.id());
      store().markRevoked(tx, granted.id(), T0.plusSeconds(60), 9);
      return seen;
    });
    assertThat(locked).contains(granted);
    Consent revoked = store().find(granted.id()).orElseThrow();
    assertThat(revoked.revokeTime()).contains(T0.plusSeconds(60));
    assertThat(revoked.revokeLedgerIndex()).contains(9L);
    Optional<Consent> unknown = transactions().inTransaction(tx -> store().lock(tx, newId()));
    assertThat(unknown).isEmpty();
  }

  @Test
  void list_isNewestFirst_byGrantTimeThenId_andPagesWithTheCursor() {
    Subject subject = subject("a");
    Consent old = insert(consent("00000000-0000-0000-0000-000000000001", subject, "r1", T0, Optional.empty()));
    Consent tieLow = insert(consent("00000000-0000-0000-0000-000000000002", subject, "r1", T0.plusSeconds(5), Optional.empty()));
    Consent tieHigh = insert(consent("00000000-0000-0000-0000-000000000003", subject, "r1", T0.plusSeconds(5), Optional.empty()));
    insert(consent(newId(), subject("other"), "r1", T0.plusSeconds(9), Optional.empty()));

    assertThat(store().list(subject.key(), Optional.empty(), Optional.empty(), 10)).containsExactly(tieHigh, tieLow, old);
    List<Consent> firstPage = store().list(subject.key(), Optional.empty(), Optional.empty(), 2);
    assertThat(firstPage).containsExactly(tieHigh, tieLow);
    Consent last = firstPage.get(1);
    assertThat(store().list(subject.key(), Optional.empty(), Optional.of(new ConsentStore.Cursor(last.grantTime(), last.id())), 2))
        .containsExactly(old);
  }

  @Test
  void list_liveAt_leavesOutRevokedAndExpired_expiryBeingExclusive() {
    Subject subject = subject("a");
    Consent open = insert(consent(newId(), subject, "r1", T0, Optional.empty()));
    Consent expiresLater = insert(consent(newId(), subject, "r1", T0.plusSeconds(1), Optional.of(T0.plusSeconds(120))));
    insert(consent(newId(), subject, "r1", T0.plusSeconds(2), Optional.of(T0.plusSeconds(60))));
    Consent revoked = insert(consent(newId(), subject, "r1", T0.plusSeconds(3), Optional.empty()));
    transactions().inTransaction(tx -> {
      store().markRevoked(tx, revoked.id(), T0.plusSeconds(30), 4);
      return null;
    });

    assertThat(store().list(subject.key(), Optional.of(T0.plusSeconds(60)), Optional.empty(), 10)).containsExactly(expiresLater, open);
    assertThat(store().list(subject.key(), Optional.empty(), Optional.empty(), 10)).hasSize(4);
  }

  @Test
  void live_matchesTheRecipientAndAnyOfTheSubjects() {
    Subject a = subject("a");
    Subject b = subject("b");
    Consent ofA = insert(consent(newId(), a, "r1", T0, Optional.empty()));
    Consent ofB = insert(consent(newId(), b, "r1", T0, Optional.of(T0.plusSeconds(10))));
    insert(consent(newId(), a, "r2", T0, Optional.empty()));
    insert(consent(newId(), subject("c"), "r1", T0, Optional.empty()));

    assertThat(store().live(List.of(a.key(), b.key()), "r1", T0.plusSeconds(5))).containsExactlyInAnyOrder(ofA, ofB);
    assertThat(store().live(List.of(a.key(), b.key()), "r1", T0.plusSeconds(10))).containsExactly(ofA);
    assertThat(store().live(List.of(), "r1", T0)).isEmpty();
  }
}
