package org.custody.disclosure.transfer;

import java.util.function.BooleanSupplier;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.OutboxTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxStore;
import org.custody.platform.mail.OutgoingMail;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TransferNoticeStore} does, run on the in-memory fake and on the jOOQ store
 * with a real database. The database lives for the whole class, so each case has disclosure ids of its own.
 */
abstract class TransferNoticeStoreContract {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  abstract Transactions transactions();

  abstract TransferNoticeStore store();

  /** The outbox store the notice store's delivery counts read. */
  abstract OutboxStore outboxStore();

  abstract Outbox outbox();

  /** Where the outbox queues messages: the transaction open on this thread (the in-memory outbox applies them at once). */
  OutboxTransaction outboxTransaction() {
    return InMemoryOutboxStore.NO_TRANSACTION;
  }

  void inTx(Runnable work) {
    transactions().inTransaction(() -> {
      work.run();
      return null;
    });
  }

  boolean wrote(BooleanSupplier write) {
    Boolean wrote = transactions().inTransaction(write::getAsBoolean);
    return wrote;
  }

  String opened(Instant at) {
    String id = UUID.randomUUID().toString();
    inTx(() -> store().openCampaign(id, at));
    return id;
  }

  List<String> unresolvedIds(Instant now) {
    return store().unresolved(now, 1000).stream().map(TransferNoticeStore.Campaign::disclosureId).toList();
  }

  @Test
  void anOpenedCampaign_isDueAtOnce_postponedKeepingTheReason_andResolvedOnce() {
    String id = opened(T0);
    assertThat(store().campaign(id)).contains(new TransferNoticeStore.Campaign(id, Optional.empty(), 0, Optional.empty()));
    assertThat(unresolvedIds(T0.minusSeconds(1))).doesNotContain(id);
    assertThat(unresolvedIds(T0)).contains(id);

    store().postpone(id, 1, T0.plusSeconds(30), "LEAF_UNAVAILABLE" + "x".repeat(200));
    TransferNoticeStore.Campaign postponed = store().campaign(id).orElseThrow();
    assertThat(postponed.attempts()).isEqualTo(1);
    assertThat(postponed.lastFailure().orElseThrow()).startsWith("LEAF_UNAVAILABLE").hasSize(100);
    assertThat(unresolvedIds(T0.plusSeconds(29))).doesNotContain(id);

    assertThat(wrote(() -> store().markResolved(id, T0.plusSeconds(40)))).isTrue();
    assertThat(wrote(() -> store().markResolved(id, T0.plusSeconds(50)))).isFalse();
    store().postpone(id, 2, T0.plusSeconds(60), "LATE");
    assertThat(store().campaign(id).orElseThrow().resolveTime()).contains(T0.plusSeconds(40));
    assertThat(store().campaign(id).orElseThrow().attempts()).isEqualTo(1);
    assertThat(unresolvedIds(T0.plusSeconds(100))).doesNotContain(id);
    assertThat(store().campaign(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void aRolledBackResolution_leavesTheCampaignDue() {
    String id = opened(T0);
    try {
      inTx(() -> {
        store().markResolved(id, T0.plusSeconds(1));
        throw new IllegalStateException("rolled back");
      });
    } catch (IllegalStateException expected) {
      // the listing's transaction failed after marking
    }
    assertThat(store().campaign(id).orElseThrow().resolveTime()).isEmpty();
    assertThat(unresolvedIds(T0)).contains(id);
  }

  @Test
  void notices_areKeptInPositionOrder_andPaged() {
    String id = opened(T0);
    inTx(() -> store().insertNotices(id, List.of(new TransferNoticeStore.StoredNotice(0, "projects/a/accounts/x", Optional.empty()),
        new TransferNoticeStore.StoredNotice(1, "projects/a/emails/y@example.org", Optional.empty()),
        new TransferNoticeStore.StoredNotice(2, "projects/a/accounts/z", Optional.empty()))));
    assertThat(store().allNotices(id)).extracting(TransferNoticeStore.StoredNotice::position).containsExactly(0, 1, 2);
    assertThat(store().notices(id, 0, 1)).extracting(TransferNoticeStore.StoredNotice::subjectKey)
        .containsExactly("projects/a/emails/y@example.org");
    assertThat(store().notices(id, 2, 10)).isEmpty();
    assertThat(store().allNotices(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void deliveryCounts_countDeliveredAndGivenUp_noticesWithoutAnAddressBeingGivenUp() {
    String id = opened(T0);
    String[] ids = new String[2];
    inTx(() -> {
      ids[0] = outbox().enqueue(outboxTransaction(), new OutgoingMail("transfer-notice", "disclosures/" + id, Optional.of("projects/a/accounts/x"),
          "x@example.org", "subject", "body"));
      ids[1] = outbox().enqueue(outboxTransaction(), new OutgoingMail("transfer-notice", "disclosures/" + id, Optional.of("projects/a/accounts/y"),
          "y@example.org", "subject", "body"));
      store().insertNotices(id, List.of(new TransferNoticeStore.StoredNotice(0, "projects/a/accounts/x", Optional.of(ids[0])),
          new TransferNoticeStore.StoredNotice(1, "projects/a/accounts/y", Optional.of(ids[1])),
          new TransferNoticeStore.StoredNotice(2, "projects/a/accounts/z", Optional.empty())));
    });
    assertThat(store().deliveryCounts(id)).isEqualTo(new TransferNoticeStore.DeliveryCounts(3, 0, 1, Optional.empty()));

    inTx(() -> outboxStore().markDelivered(outboxTransaction(), ids[0], 1, T0.plusSeconds(60), OptionalLong.empty()));
    inTx(() -> outboxStore().markFailed(outboxTransaction(), ids[1], 5, "BOUNCED", true, Optional.empty()));
    assertThat(store().deliveryCounts(id)).isEqualTo(new TransferNoticeStore.DeliveryCounts(3, 1, 2, Optional.of(T0.plusSeconds(60))));
    assertThat(store().deliveryCounts(UUID.randomUUID().toString()))
        .isEqualTo(new TransferNoticeStore.DeliveryCounts(0, 0, 0, Optional.empty()));
  }
}
