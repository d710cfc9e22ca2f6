package org.custody.disclosure.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.ledger.LedgerTransactions;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.subject.Subject;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DisclosureStore} does, run on the in-memory fake and on the jOOQ store with a
 * real database. The database lives for the whole class, so each case has subjects and request ids of its own.
 */
abstract class DisclosureStoreContract {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  abstract LedgerTransactions transactions();

  abstract DisclosureStore store();

  private final String project = "projects/p" + UUID.randomUUID().toString().substring(0, 8);
  final Subject ann = Subject.account(project + "/accounts/ann");
  final Subject carol = Subject.email(project, "carol@example.org");

  void inTx(Consumer<Transaction> work) {
    transactions().inTransaction(tx -> {
      work.accept(tx);
      return null;
    });
  }

  static DisclosureRequest request(String caller, String requestId, Scope scope, DisclosureBasis basis) {
    return new DisclosureRequest("r1", scope, Set.of(DataCategory.USER_NAME, DataCategory.USER_CONTACT_EMAIL), Purpose.LEGAL_COMPLIANCE,
        basis, RecipientUse.LEGAL_PROCESS, new Evidence(Optional.of("CASE-42"), Optional.of("Regional Court"), Optional.empty()),
        "operator-7", caller, requestId, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
        26, 27, 28, 29, 30, 31, 32});
  }

  /** Ann allowed, Carol denied, decided at {@code T0}, ledger entry 5. */
  Disclosure decided(String caller, String requestId) {
    Decision decision = new Decision(Outcome.ALLOWED, Set.of(DataCategory.USER_NAME), "P9_REQUIRED_BY_LAW", "a court order",
        List.of(new SubjectDecision(ann, Outcome.ALLOWED, "ordered"), new SubjectDecision(carol, Outcome.DENIED, "x".repeat(400))));
    return new Disclosure(UUID.randomUUID().toString(), request(caller, requestId, Scope.subjects(List.of(ann, carol)),
        DisclosureBasis.REQUIRED_BY_LAW), 3, decision, T0, Optional.of(T0.plusSeconds(3600)), Optional.empty(), 5, Optional.empty());
  }

  Disclosure pendingTransfer() {
    Decision decision = new Decision(Outcome.PENDING_NOTICE, Set.of(), "P10_CORPORATE_TRANSACTION", "notices not yet sent", List.of());
    return new Disclosure(UUID.randomUUID().toString(), request("operator", UUID.randomUUID().toString(), Scope.project(project),
        DisclosureBasis.CORPORATE_TRANSACTION), 1, decision, T0, Optional.empty(), Optional.of(T0.plusSeconds(86400)), 6, Optional.empty());
  }

  Disclosure insert(Disclosure d) {
    inTx(tx -> store().insert(tx, d));
    return d;
  }

  @Test
  void insertedDecision_isFoundByIdAndByRequest_asWritten_subjectReasonsCutTo300() {
    Disclosure written = insert(decided("operator", UUID.randomUUID().toString()));
    Disclosure found = store().find(written.id()).orElseThrow();
    assertThat(found).usingRecursiveComparison().ignoringFields("decision.subjects").isEqualTo(written);
    assertThat(found.decision().subjects()).containsExactly(written.decision().subjects().get(0),
        new SubjectDecision(carol, Outcome.DENIED, "x".repeat(300)));
    assertThat(found.request().scope().subjects()).containsExactly(ann, carol);
    assertThat(store().findByRequest("operator", written.request().requestId())).map(Disclosure::id).contains(written.id());
    assertThat(store().findByRequest("someone-else", written.request().requestId())).isEmpty();
    assertThat(store().subjects(written.id())).extracting(SubjectDecision::outcome).containsExactly(Outcome.ALLOWED, Outcome.DENIED);
  }

  @Test
  void aSecondDecisionForTheCallersRequestId_failsWithAWriteConflict_andKeepsTheFirst() {
    String requestId = UUID.randomUUID().toString();
    Disclosure first = insert(decided("operator", requestId));
    assertThatThrownBy(() -> insert(decided("operator", requestId))).isInstanceOf(WriteConflict.class);
    assertThat(store().findByRequest("operator", requestId)).map(Disclosure::id).contains(first.id());
    Disclosure otherCaller = insert(decided("auditor", requestId));
    assertThat(store().find(otherCaller.id())).isPresent();
  }

  @Test
  void aRolledBackInsert_leavesNothing() {
    Disclosure rolledBack = decided("operator", UUID.randomUUID().toString());
    assertThatThrownBy(() -> transactions().inTransaction(tx -> {
      store().insert(tx, rolledBack);
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store().find(rolledBack.id())).isEmpty();
    assertThat(store().subjects(rolledBack.id())).isEmpty();
  }

  @Test
  void updateDecision_underALock_storesTheReDecision_andGivesEverySubjectItsOutcome() {
    Disclosure pending = insert(pendingTransfer());
    inTx(tx -> store().addSubjects(tx, pending.id(), List.of(new SubjectDecision(ann, Outcome.PENDING_NOTICE, "waiting"))));
    Decision allowed = new Decision(Outcome.ALLOWED, Set.of(DataCategory.USER_NAME), "P10_CORPORATE_TRANSACTION", "notice period over",
        List.of());
    inTx(tx -> {
      Disclosure locked = store().lock(tx, pending.id()).orElseThrow();
      store().updateDecision(tx, locked.redecided(2, allowed, T0.plusSeconds(100), Optional.of(T0.plusSeconds(200)), Optional.empty(), 9));
    });
    Disclosure after = store().find(pending.id()).orElseThrow();
    assertThat(after.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(after.recipientVersion()).isEqualTo(2);
    assertThat(after.decision().allowedCategories()).containsExactly(DataCategory.USER_NAME);
    assertThat(after.decision().reason()).isEqualTo("notice period over");
    assertThat(after.decideTime()).isEqualTo(T0.plusSeconds(100));
    assertThat(after.expireTime()).contains(T0.plusSeconds(200));
    assertThat(after.noticePeriodEnd()).isEmpty();
    assertThat(after.ledgerIndex()).isEqualTo(9);
    assertThat(after.request().scope()).isEqualTo(Scope.project(project));
    assertThat(store().subjects(pending.id())).containsExactly(new SubjectDecision(ann, Outcome.ALLOWED, "notice period over"));
    Optional<Disclosure> unknown = transactions().inTransaction(tx -> store().lock(tx, UUID.randomUUID().toString()));
    assertThat(unknown).isEmpty();
  }

  @Test
  void updateProgress_changesOnlyAPendingDecision() {
    Disclosure pending = insert(pendingTransfer());
    Disclosure allowed = insert(decided("operator", UUID.randomUUID().toString()));
    store().updateProgress(pending.id(), "2 of 3 notices delivered", T0.plusSeconds(999));
    store().updateProgress(allowed.id(), "must not change", T0.plusSeconds(999));
    Disclosure progressed = store().find(pending.id()).orElseThrow();
    assertThat(progressed.decision().reason()).isEqualTo("2 of 3 notices delivered");
    assertThat(progressed.noticePeriodEnd()).contains(T0.plusSeconds(999));
    assertThat(progressed.ledgerIndex()).isEqualTo(pending.ledgerIndex());
    assertThat(store().find(allowed.id()).orElseThrow().decision().reason()).isEqualTo("a court order");
    assertThat(store().find(allowed.id()).orElseThrow().noticePeriodEnd()).isEmpty();
  }

  @Test
  void addSubjects_appendsAfterTheOnesRecorded_inOrder() {
    Disclosure pending = insert(pendingTransfer());
    inTx(tx -> store().addSubjects(tx, pending.id(), List.of(new SubjectDecision(ann, Outcome.PENDING_NOTICE, "a"))));
    inTx(tx -> store().addSubjects(tx, pending.id(), List.of(new SubjectDecision(carol, Outcome.PENDING_NOTICE, "b"))));
    assertThat(store().subjects(pending.id())).extracting(SubjectDecision::subject).containsExactly(ann, carol);
    assertThat(store().find(pending.id()).orElseThrow().request().scope().kind()).isEqualTo(Scope.Kind.PROJECT);
  }

  @Test
  void markReleased_isRecordedOnce_andReleasedWithListsNewestReleaseFirst_withoutDeniedSubjects() {
    Disclosure older = insert(decided("operator", UUID.randomUUID().toString()));
    Disclosure newer = insert(decided("operator", UUID.randomUUID().toString()));
    insert(decided("operator", UUID.randomUUID().toString())); // never released
    inTx(tx -> store().markReleased(tx, older.id(), T0.plusSeconds(10), 20));
    inTx(tx -> store().markReleased(tx, newer.id(), T0.plusSeconds(20), 30));
    inTx(tx -> store().markReleased(tx, older.id(), T0.plusSeconds(40), 40));

    assertThat(store().find(older.id()).orElseThrow().release()).contains(new Disclosure.Release(T0.plusSeconds(10), 20));
    assertThat(store().releasedWith(ann.key(), Optional.empty(), 10)).extracting(Disclosure::id).containsExactly(newer.id(), older.id());
    assertThat(store().releasedWith(ann.key(), Optional.of(30L), 10)).extracting(Disclosure::id).containsExactly(older.id());
    assertThat(store().releasedWith(ann.key(), Optional.empty(), 1)).extracting(Disclosure::id).containsExactly(newer.id());
    assertThat(store().releasedWith(carol.key(), Optional.empty(), 10)).as("Carol was denied").isEmpty();
  }
}
