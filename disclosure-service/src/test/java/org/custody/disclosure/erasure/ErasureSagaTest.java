package org.custody.disclosure.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custody.disclosure.decision.Decision;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureBasis;
import org.custody.disclosure.decision.DisclosureRequest;
import org.custody.disclosure.decision.Evidence;
import org.custody.disclosure.decision.InMemoryDisclosureStore;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.decision.RecipientUse;
import org.custody.disclosure.decision.Scope;
import org.custody.disclosure.decision.SubjectDecision;
import org.custody.disclosure.ledger.InMemoryLedgerStore;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.LedgerEntry;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.recipient.InMemoryRecipientStore;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.rights.SubjectAuthorization;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.mail.Outbox;
import org.custody.platform.subject.Subject;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The erasure saga (P13) on in-memory stores, fake leaves and a clock moved by hand. */
class ErasureSagaTest {
  private static final Subject ANN = Subject.account("projects/acme/accounts/ann");
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
  private final Ledger ledger = new Ledger(new InMemoryTransactions(), ledgerStore, TreeHeadSigner.fromSeed(new byte[32]), clock, 16);
  private final InMemoryOutboxStore outboxStore = new InMemoryOutboxStore();
  private final Outbox outbox = new Outbox(outboxStore, clock, () -> { });
  private final InMemoryErasureStore store = new InMemoryErasureStore(outboxStore);
  private final InMemoryDisclosureStore disclosures = new InMemoryDisclosureStore();
  private final Recipients recipients = new Recipients(new InMemoryRecipientStore(), ledger, clock);
  private final FakeLeaves leaves = new FakeLeaves(clock);
  private final RetryPolicy retries = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(30), Duration.ofMinutes(15));
  private final SubjectPseudonyms pseudonyms = subjects -> subjects.stream().collect(Collectors.toMap(Function.identity(),
      s -> s.account().orElseThrow()));
  private final Erasures erasures = new Erasures(store, leaves, new SubjectAuthorization(token -> Optional.empty(), clock), pseudonyms,
      ledger, clock, () -> { });
  private final ErasureSaga saga = new ErasureSaga(store, leaves, disclosures, recipients, outbox, InMemoryOutboxStore.NO_TRANSACTION, ledger, retries, LEASE, clock);

  @AfterEach
  void close() {
    ledger.close();
  }

  private Erasure requestErasure() {
    return erasures.request("operator", Purpose.SUBJECT_REQUEST, ANN, Optional.empty(), java.util.UUID.randomUUID().toString(),
        new byte[] {1});
  }

  /** The court received Ann's data in a released disclosure. */
  private void releasedToTheCourt() {
    recipients.create(new Recipient("court", 0, "Regional Court", RecipientKind.PUBLIC_AUTHORITY, Set.of(Purpose.LEGAL_COMPLIANCE),
        Set.of(DataCategory.USER_NAME), Optional.empty(), Optional.empty(), Optional.of("registry@court.example"), Instant.EPOCH));
    DisclosureRequest request = new DisclosureRequest("court", Scope.subjects(List.of(ANN)), Set.of(DataCategory.USER_NAME),
        Purpose.LEGAL_COMPLIANCE, DisclosureBasis.REQUIRED_BY_LAW, RecipientUse.LEGAL_PROCESS, Evidence.none(), "operator-7", "operator",
        "11111111-1111-1111-1111-111111111111", new byte[32]);
    Disclosure released = new Disclosure("d1", request, 1, new Decision(Outcome.ALLOWED, Set.of(DataCategory.USER_NAME),
        "P9_REQUIRED_BY_LAW", "ordered", List.of(new SubjectDecision(ANN, Outcome.ALLOWED, "ordered"))), clock.instant(), Optional.empty(),
        Optional.empty(), 1, Optional.empty());
    new InMemoryTransactions().inTransaction(() -> {
      disclosures.insert(released);
      disclosures.markReleased("d1", clock.instant(), 2);
      return null;
    });
  }

  private List<String> entryTypes() {
    return ledgerStore.entries.values().stream().map(ErasureSagaTest::text)
        .map(t -> t.replaceAll(".*\"type\":\"([a-z.]+)\".*", "$1")).toList();
  }

  private static String text(LedgerEntry entry) {
    return new String(entry.payload(), StandardCharsets.UTF_8);
  }

  private ErasureStep step(Erasure erasure, String service) {
    return erasures.get(erasure.id()).step(service).orElseThrow();
  }

  @Test
  void P13_everyLeafConfirms_thenTheErasureCompletesOnce_tellingTheRecipientsAndTheSubject() {
    releasedToTheCourt();
    Erasure requested = requestErasure();

    assertThat(saga.runDue()).isEqualTo(1);
    Erasure done = erasures.get(requested.id());
    assertThat(done.state()).isEqualTo(ErasureState.COMPLETED);
    assertThat(done.steps()).extracting(ErasureStep::state)
        .containsExactly(StepState.DONE, StepState.RETAINED, StepState.DONE, StepState.RETAINED);
    assertThat(done.step("disclosure").orElseThrow().receipt().orElseThrow().kept()).extracting(ServiceReceipt.Kept::kind)
        .containsExactly("ledger_entry");
    assertThat(done.notifiedRecipients()).containsExactly("recipients/court");
    assertThat(leaves.addressLookups).as("identity is asked for the address before it erases").isEqualTo(1);
    assertThat(outboxStore.messages.values()).extracting(m -> m.mail().topic() + " " + m.mail().to())
        .containsExactlyInAnyOrder("erasure-notice registry@court.example", "erasure-receipt ann@example.org");
    assertThat(entryTypes()).containsSubsequence("erasure.requested", "erasure.confirmed", "erasure.confirmed", "erasure.confirmed",
        "erasure.completed");
    assertThat(ledgerStore.entries.values()).allSatisfy(e -> assertThat(text(e)).doesNotContain("@"));

    clock.advance(Duration.ofHours(1));
    assertThat(saga.runDue()).as("completed once").isZero();
    assertThat(leaves.calls).hasSize(3);
    assertThat(entryTypes()).filteredOn("erasure.completed"::equals).hasSize(1);
  }

  @Test
  void P13_aLeafThatFails_isRetriedWithBackoffUnderTheSameRequestId_untilItRecovers() {
    leaves.down.add("billing");
    Erasure requested = requestErasure();

    assertThat(saga.runDue()).isZero();
    ErasureStep billing = step(requested, "billing");
    assertThat(billing.attempts()).isEqualTo(1);
    assertThat(billing.lastFailure()).contains("LEAF_UNAVAILABLE (UNAVAILABLE)");
    assertThat(billing.nextAttemptTime()).contains(clock.instant().plus(retries.delayAfter(1)));
    assertThat(step(requested, "identity").confirmed()).isTrue();

    clock.advance(retries.delayAfter(1).minusSeconds(1));
    saga.runDue();
    assertThat(leaves.callsTo("billing")).as("not before the backoff").isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    saga.runDue();
    assertThat(step(requested, "billing").attempts()).isEqualTo(2);
    assertThat(step(requested, "billing").nextAttemptTime()).contains(clock.instant().plus(retries.delayAfter(2)));

    leaves.down.clear();
    clock.advance(retries.delayAfter(2));
    assertThat(saga.runDue()).isEqualTo(1);
    assertThat(step(requested, "billing").attempts()).isEqualTo(3);
    assertThat(step(requested, "billing").lastFailure()).isEmpty();
    assertThat(leaves.calls.stream().filter(c -> c.service().equals("billing")).map(FakeLeaves.Call::requestId).distinct())
        .containsExactly(billing.requestId());
    assertThat(erasures.get(requested.id()).state()).isEqualTo(ErasureState.COMPLETED);
  }

  @Test
  void P13_aStepLeasedToAnotherRunner_isLeftAlone_untilTheLeaseEnds() {
    Erasure requested = requestErasure();
    assertThat(store.claim(requested.id(), "analytics", clock.instant(), clock.instant().plus(LEASE))).isTrue();

    assertThat(saga.runDue()).isZero();
    assertThat(leaves.callsTo("analytics")).isZero();
    assertThat(erasures.get(requested.id()).state()).isEqualTo(ErasureState.IN_PROGRESS);

    clock.advance(LEASE.plusSeconds(1));
    assertThat(saga.runDue()).isEqualTo(1);
    assertThat(leaves.callsTo("analytics")).isEqualTo(1);
  }

  @Test
  void anUnexpectedFailure_isRecordedAsInternal_neverItsMessage() {
    leaves.unexpected = new IllegalStateException("row for ann@example.org");
    Erasure requested = requestErasure();

    saga.runDue();
    assertThat(erasures.get(requested.id()).steps()).filteredOn(s -> !s.service().equals("disclosure"))
        .allSatisfy(s -> assertThat(s.lastFailure()).contains("INTERNAL"));
  }

  @Test
  void aStepThatLostAConcurrentWrite_isRecordedAsAWriteConflict_andRetried() {
    leaves.unexpected = new WriteConflict("the step was confirmed concurrently");
    Erasure requested = requestErasure();

    saga.runDue();
    ErasureStep billing = step(requested, "billing");
    assertThat(billing.lastFailure()).contains("WRITE_CONFLICT (ABORTED)");
    assertThat(billing.confirmed()).isFalse();
    assertThat(billing.nextAttemptTime()).contains(clock.instant().plus(retries.delayAfter(1)));
  }

  @Test
  void P13_theReceiptAddressIsForgotten_onceTheReceiptWasDelivered() {
    Erasure requested = requestErasure();
    saga.runDue();
    OutboxMessage receipt = outboxStore.messages.values().stream().filter(m -> m.mail().topic().equals(ErasureSaga.RECEIPT_TOPIC))
        .findFirst().orElseThrow();
    saga.runDue();
    assertThat(store.receiptsSent(10)).as("not delivered yet").isEmpty();

    outboxStore.markDelivered(InMemoryOutboxStore.NO_TRANSACTION, receipt.id(), 1, clock.instant(), OptionalLong.empty());
    saga.runDue();
    assertThat(outboxStore.messages.get(receipt.id()).mail().to()).isEmpty();
    Optional<ErasureStore.Locked> locked = new InMemoryTransactions().inTransaction(() -> store.lock(requested.id()));
    assertThat(locked.orElseThrow().receiptAddress()).isEmpty();
  }

  @Test
  void P13_disclosuresOwnRecordsAreErased_underTheSubjectsKeyAndLedgerId_andCountedInItsReceipt() {
    store.onEraseOwnRecords((key, ledgerId) -> {
      assertThat(key).isEqualTo(ANN.key());
      assertThat(ledgerId).isEqualTo(ANN.key());
      return new ErasureStore.OwnRecords(2, 1, 0, 0, 0, 1, 0, 0);
    });
    Erasure requested = requestErasure();
    saga.runDue();
    ServiceReceipt own = erasures.get(requested.id()).step("disclosure").orElseThrow().receipt().orElseThrow();
    assertThat(own.erased()).containsExactly(new ServiceReceipt.Erased("consent", 2), new ServiceReceipt.Erased("subject_pseudonym", 1),
        new ServiceReceipt.Erased("policy_acknowledgement", 1));
  }
}
