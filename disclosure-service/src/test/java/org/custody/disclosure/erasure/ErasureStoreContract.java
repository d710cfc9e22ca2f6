package org.custody.disclosure.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.ledger.LedgerTransactions;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxStore;
import org.custody.platform.mail.OutgoingMail;
import org.custody.platform.subject.Subject;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ErasureStore} does, run on the in-memory fake and on the jOOQ store with a
 * real database. The database lives for the whole class: each case has subjects of its own and
 * looks only at its own erasures in listings.
 */
abstract class ErasureStoreContract {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  /** A request's fingerprint: an HMAC-SHA256, 32 bytes, as the column holds it. */
  static final byte[] REQUEST_HASH = new byte[32];

  static {
    REQUEST_HASH[0] = 7;
    REQUEST_HASH[31] = 9;
  }

  static final List<String> SERVICES = List.of("identity", "billing", "analytics", "disclosure");

  abstract LedgerTransactions transactions();

  abstract ErasureStore store();

  /** The outbox store the erasure store reads receipt mails from. */
  abstract OutboxStore outboxStore();

  abstract Outbox outbox();

  private final String project = "projects/p" + UUID.randomUUID().toString().substring(0, 8);
  final Subject ann = Subject.account(project + "/accounts/ann");

  void inTx(Consumer<Transaction> work) {
    transactions().inTransaction(tx -> {
      work.accept(tx);
      return null;
    });
  }

  static ErasureStore.NewErasure newErasure(Subject subject, String caller, String requestId, Instant at,
      Optional<LeafErasures.ReceiptAddress> address) {
    List<ErasureStep> steps = SERVICES.stream().map(s -> new ErasureStep(s, StepState.PENDING, UUID.randomUUID().toString(), 0,
        Optional.of(at), Optional.empty(), Optional.empty())).toList();
    Erasure erasure = new Erasure(UUID.randomUUID().toString(), subject.project(), Optional.of(subject), subject.account().orElse(
        subject.project() + "/emailSubjects/" + UUID.randomUUID()), ErasureState.IN_PROGRESS, steps, List.of(), at, Optional.empty(), 4,
        Optional.empty());
    return new ErasureStore.NewErasure(erasure, caller, requestId, REQUEST_HASH.clone(), subject.key(), address);
  }

  ErasureStore.NewErasure insert(ErasureStore.NewErasure n) {
    inTx(tx -> store().insert(tx, n));
    return n;
  }

  ErasureStore.NewErasure insert(Subject subject) {
    return insert(newErasure(subject, "operator", UUID.randomUUID().toString(), T0, Optional.empty()));
  }

  static ServiceReceipt receipt(String id, boolean keepsSomething) {
    List<ServiceReceipt.Kept> kept = keepsSomething ? List.of(new ServiceReceipt.Kept("invoice", 2, "tax law", Optional.of(
        T0.plusSeconds(86400)), List.of(DataCategory.USER_NAME))) : List.of();
    return new ServiceReceipt(id, T0.plusSeconds(5), List.of(new ServiceReceipt.Erased("account", 1)), kept);
  }

  List<ErasureStore.DueStep> dueOf(String erasureId, Instant now) {
    return store().due(now, 1000).stream().filter(d -> d.erasureId().equals(erasureId)).toList();
  }

  void confirm(String erasureId, String service, boolean keepsSomething) {
    inTx(tx -> store().confirm(tx, erasureId, service, 1, receipt(service + "-receipt", keepsSomething), 10));
  }

  @Test
  void insertedErasure_isFoundAsWritten_byIdRequestAndSubject() {
    ErasureStore.NewErasure n = insert(newErasure(ann, "operator", UUID.randomUUID().toString(), T0, Optional.empty()));
    assertThat(store().find(n.erasure().id())).contains(n.erasure());
    ErasureStore.Requested requested = store().findByRequest("operator", n.requestId()).orElseThrow();
    assertThat(requested.erasure()).isEqualTo(n.erasure());
    assertThat(requested.requestHash()).containsExactly(REQUEST_HASH);
    assertThat(store().activeFor(ann.key())).contains(n.erasure());
    assertThat(store().findByRequest("someone-else", n.requestId())).isEmpty();
  }

  @Test
  void theSameRequestAgain_orASecondErasureOfTheSubjectInProgress_isAWriteConflict() {
    ErasureStore.NewErasure first = insert(ann);
    Consumer<ErasureStore.NewErasure> refused = n -> assertThatThrownBy(() -> insert(n)).isInstanceOf(WriteConflict.class);
    refused.accept(newErasure(ann, "operator", first.requestId(), T0, Optional.empty()));
    refused.accept(newErasure(ann, "frontend", UUID.randomUUID().toString(), T0, Optional.empty()));
    Subject ben = Subject.account(project + "/accounts/ben");
    refused.accept(newErasure(ben, "operator", first.requestId(), T0, Optional.empty()));
    assertThat(store().activeFor(ben.key())).isEmpty();
    assertThat(store().activeFor(ann.key())).map(Erasure::id).contains(first.erasure().id());
  }

  @Test
  void list_isNewestFirst_byCreateTimeThenId_andPagesWithTheCursor() {
    ErasureStore.NewErasure older = insert(newErasure(ann, "operator", UUID.randomUUID().toString(), T0.plusSeconds(1), Optional.empty()));
    ErasureStore.NewErasure newer = insert(newErasure(Subject.account(project + "/accounts/ben"), "operator", UUID.randomUUID().toString(),
        T0.plusSeconds(2), Optional.empty()));
    Instant after = T0.plusSeconds(3);
    List<String> ids = store().list(Optional.of(new ErasureStore.Cursor(after, "")), 1000).stream().map(Erasure::id)
        .filter(id -> id.equals(older.erasure().id()) || id.equals(newer.erasure().id())).toList();
    assertThat(ids).containsExactly(newer.erasure().id(), older.erasure().id());
    assertThat(store().list(Optional.of(new ErasureStore.Cursor(T0.plusSeconds(2), newer.erasure().id())), 1000))
        .extracting(Erasure::id).contains(older.erasure().id()).doesNotContain(newer.erasure().id());
  }

  @Test
  void leafSteps_areDueFromTheirNextAttempt_leasedToOneRunner_andPostponedKeepingACode() {
    String id = insert(ann).erasure().id();
    assertThat(dueOf(id, T0.minusSeconds(1))).isEmpty();
    assertThat(dueOf(id, T0)).extracting(ErasureStore.DueStep::service).containsExactlyInAnyOrder("identity", "billing", "analytics");
    assertThat(dueOf(id, T0).get(0).subjectKey()).isEqualTo(ann.key());
    assertThat(dueOf(id, T0).get(0).addressKnown()).isFalse();

    assertThat(store().claim(id, "identity", T0, T0.plusSeconds(60))).isTrue();
    assertThat(store().claim(id, "identity", T0.plusSeconds(30), T0.plusSeconds(90))).as("held by the first runner").isFalse();
    assertThat(dueOf(id, T0.plusSeconds(30))).extracting(ErasureStore.DueStep::service).doesNotContain("identity");
    assertThat(dueOf(id, T0.plusSeconds(61))).extracting(ErasureStore.DueStep::service).contains("identity");

    store().postpone(id, "identity", 1, T0.plusSeconds(120), "LEAF_UNAVAILABLE (UNAVAILABLE) " + "x".repeat(200));
    ErasureStep postponed = store().find(id).orElseThrow().step("identity").orElseThrow();
    assertThat(postponed.attempts()).isEqualTo(1);
    assertThat(postponed.nextAttemptTime()).contains(T0.plusSeconds(120));
    assertThat(postponed.lastFailure().orElseThrow()).startsWith("LEAF_UNAVAILABLE (UNAVAILABLE)").hasSize(100);
    assertThat(dueOf(id, T0.plusSeconds(119))).extracting(ErasureStore.DueStep::service).doesNotContain("identity");
    assertThat(store().claim(id, "identity", T0.plusSeconds(120), T0.plusSeconds(180))).as("the lease was released").isTrue();
  }

  @Test
  void confirm_recordsTheReceiptOnce_andAConfirmedStepIsNeitherDueNorClaimedNorPostponed() {
    String id = insert(ann).erasure().id();
    confirm(id, "billing", true);
    ErasureStep billing = store().find(id).orElseThrow().step("billing").orElseThrow();
    assertThat(billing.state()).isEqualTo(StepState.RETAINED);
    assertThat(billing.receipt()).contains(receipt("billing-receipt", true));
    assertThat(billing.nextAttemptTime()).isEmpty();
    assertThatThrownBy(() -> confirm(id, "billing", false)).isInstanceOf(WriteConflict.class);
    assertThat(store().claim(id, "billing", T0, T0.plusSeconds(60))).isFalse();
    store().postpone(id, "billing", 5, T0.plusSeconds(60), "LATE");
    assertThat(store().find(id).orElseThrow().step("billing")).contains(billing);
    assertThat(dueOf(id, T0)).extracting(ErasureStore.DueStep::service).containsExactlyInAnyOrder("identity", "analytics");
  }

  @Test
  void captureAddress_keepsTheFirstAnswer() {
    String id = insert(ann).erasure().id();
    var address = new LeafErasures.ReceiptAddress("ann@example.org", Optional.of("Ann"));
    store().captureAddress(id, Optional.of(address));
    store().captureAddress(id, Optional.of(new LeafErasures.ReceiptAddress("other@example.org", Optional.empty())));
    assertThat(dueOf(id, T0).get(0).addressKnown()).isTrue();
    Optional<ErasureStore.Locked> locked = transactions().inTransaction(tx -> store().lock(tx, id));
    assertThat(locked.orElseThrow().receiptAddress()).contains(address);
    assertThat(locked.orElseThrow().subjectKey()).isEqualTo(ann.key());
  }

  @Test
  void anErasureIsReadyWhenEveryLeafConfirmed_andCompletesOnce_releasingTheSubject() {
    ErasureStore.NewErasure n = insert(ann);
    String id = n.erasure().id();
    confirm(id, "identity", false);
    confirm(id, "billing", true);
    assertThat(store().readyToComplete(1000)).doesNotContain(id);
    confirm(id, "analytics", false);
    assertThat(store().readyToComplete(1000)).contains(id);

    inTx(tx -> store().complete(tx, id, T0.plusSeconds(50), 20, "disclosure", receipt("disclosure-" + id, true),
        List.of(new ErasureStore.Notice("zeta", Optional.empty()), new ErasureStore.Notice("alpha", Optional.empty())), Optional.empty(),
        ann.key()));
    Erasure done = store().find(id).orElseThrow();
    assertThat(done.state()).isEqualTo(ErasureState.COMPLETED);
    assertThat(done.completeTime()).contains(T0.plusSeconds(50));
    assertThat(done.completeLedgerIndex()).contains(20L);
    assertThat(done.notifiedRecipients()).containsExactly("recipients/alpha", "recipients/zeta");
    assertThat(done.step("disclosure").orElseThrow().receipt()).contains(receipt("disclosure-" + id, true));
    assertThat(done.subject()).contains(ann);
    assertThat(store().readyToComplete(1000)).doesNotContain(id);
    assertThat(store().activeFor(ann.key())).isEmpty();
    assertThat(store().receiptsSent(1000)).doesNotContain(id);
    insert(ann); // the subject may ask again
  }

  @Test
  void aCompletedErasureOfAPersonKnownByEmail_keepsNoSubject() {
    Subject carol = Subject.email(project, "carol@example.org");
    ErasureStore.NewErasure n = insert(newErasure(carol, "operator", UUID.randomUUID().toString(), T0,
        Optional.of(new LeafErasures.ReceiptAddress("carol@example.org", Optional.empty()))));
    String id = n.erasure().id();
    SERVICES.subList(0, 3).forEach(s -> confirm(id, s, false));
    inTx(tx -> store().complete(tx, id, T0.plusSeconds(50), 20, "disclosure", receipt("d", false), List.of(), Optional.empty(),
        n.erasure().subjectLedgerId()));
    assertThat(store().find(id).orElseThrow().subject()).isEmpty();
    Optional<ErasureStore.Locked> locked = transactions().inTransaction(tx -> store().lock(tx, id));
    assertThat(locked.orElseThrow().receiptAddress()).as("no receipt queued: the address goes at once").isEmpty();
  }

  @Test
  void aDeliveredReceipt_isListedUntilItsAddressIsForgotten() {
    ErasureStore.NewErasure n = insert(newErasure(ann, "operator", UUID.randomUUID().toString(), T0,
        Optional.of(new LeafErasures.ReceiptAddress("ann@example.org", Optional.of("Ann")))));
    String id = n.erasure().id();
    SERVICES.subList(0, 3).forEach(s -> confirm(id, s, false));
    String[] messageId = new String[1];
    inTx(tx -> {
      messageId[0] = outbox().enqueue(tx, new OutgoingMail("erasure-receipt", n.erasure().name(), Optional.of(ann.key()), "ann@example.org",
          "Your erasure", "Dear Ann"));
      store().complete(tx, id, T0.plusSeconds(50), 20, "disclosure", receipt("d", false), List.of(), Optional.of(messageId[0]), ann.key());
    });
    assertThat(store().receiptsSent(1000)).as("not delivered yet").doesNotContain(id);
    inTx(tx -> outboxStore().markDelivered(tx, messageId[0], 1, T0.plusSeconds(60), java.util.OptionalLong.empty()));
    assertThat(store().receiptsSent(1000)).contains(id);

    store().forgetReceiptAddress(id);
    assertThat(store().receiptsSent(1000)).doesNotContain(id);
    Optional<ErasureStore.Locked> locked = transactions().inTransaction(tx -> store().lock(tx, id));
    assertThat(locked.orElseThrow().receiptAddress()).isEmpty();
    assertThat(outboxStore().find(List.of(messageId[0])).get(messageId[0]).mail().to()).isEmpty();
  }

  @Test
  void totals_countByState() {
    ErasureCounts.Totals before = store().totals();
    String id = insert(ann).erasure().id();
    insert(Subject.account(project + "/accounts/ben"));
    SERVICES.subList(0, 3).forEach(s -> confirm(id, s, false));
    inTx(tx -> store().complete(tx, id, T0.plusSeconds(50), 20, "disclosure", receipt("d", false), List.of(), Optional.empty(), ann.key()));
    ErasureCounts.Totals after = store().totals();
    assertThat(after.inProgress() - before.inProgress()).isEqualTo(1);
    assertThat(after.completed() - before.completed()).isEqualTo(1);
    assertThat(after.oldestInProgress()).isPresent();
  }

  @Test
  void eraseOwnRecords_ofASubjectWithNoRecords_erasesNothing() {
    ErasureStore.OwnRecords own = transactions().inTransaction(tx -> store().eraseOwnRecords(tx, ann.key(), ann.key()));
    assertThat(own).isEqualTo(new ErasureStore.OwnRecords(0, 0, 0, 0, 0, 0, 0, 0));
  }
}
