package org.custody.disclosure.policy;

import java.util.function.Supplier;
import java.util.function.BooleanSupplier;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.OutboxTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutgoingMail;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PolicyStore} does, run on the in-memory fake and on the jOOQ store with a
 * real database. The database lives for the whole class: each case publishes later than the ones
 * before it, with ids of its own, and reads totals as differences.
 */
abstract class PolicyStoreContract {
  private static final AtomicLong CASES = new AtomicLong();

  abstract Transactions transactions();

  abstract PolicyStore store();

  /** An outbox on the same store the policy store's delivery counts read. */
  abstract Outbox outbox();

  /** Where the outbox queues messages: the transaction open on this thread (the in-memory outbox applies them at once). */
  OutboxTransaction outboxTransaction() {
    return InMemoryOutboxStore.NO_TRANSACTION;
  }

  private final Instant base = Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofDays(100 * CASES.incrementAndGet()));
  private final String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";

  private <T> T inTx(Supplier<T> work) {
    return transactions().inTransaction(work);
  }

  /** Whether {@code write}, in a transaction of its own, wrote. */
  private boolean wrote(BooleanSupplier write) {
    Boolean wrote = transactions().inTransaction(write::getAsBoolean);
    return wrote;
  }

  private PolicyVersion version(String id, boolean significant, Instant published) {
    return new PolicyVersion(prefix + id, Optional.of("text of " + id), Optional.empty(), "0".repeat(64), LocalDate.parse("2030-01-01"),
        significant, "summary " + id, published, 7);
  }

  private PolicyVersion publish(String id, boolean significant, Instant published) {
    PolicyVersion v = version(id, significant, published);
    assertThat(wrote(() -> store().insert(v))).isTrue();
    return v;
  }

  @Test
  void insert_isFoundAsWritten_andATakenIdIsRefusedWithoutAWrite() {
    PolicyVersion v = publish("a", true, base);
    assertThat(store().find(v.id())).contains(v);
    PolicyVersion other = new PolicyVersion(v.id(), Optional.empty(), Optional.of("https://example.test/p"), "1".repeat(64),
        LocalDate.parse("2031-01-01"), false, "other", base.plusSeconds(1), 8);
    assertThat(wrote(() -> store().insert(other))).isFalse();
    assertThat(store().find(v.id())).contains(v);
    assertThat(store().find(prefix + "none")).isEmpty();
  }

  @Test
  void list_isNewestFirst_byPublishTimeThenId_andPagesWithTheCursor() {
    PolicyVersion old = publish("a", false, base);
    PolicyVersion tieLow = publish("b", true, base.plusSeconds(5));
    PolicyVersion tieHigh = publish("c", false, base.plusSeconds(5));
    assertThat(store().list(Optional.empty(), 3)).containsExactly(tieHigh, tieLow, old);
    assertThat(store().list(Optional.of(new PolicyStore.Cursor(tieLow.publishTime(), tieLow.id())), 1)).containsExactly(old);
  }

  @Test
  void latestSignificant_isTheNewestSignificantVersion() {
    publish("a", true, base);
    PolicyVersion significant = publish("b", true, base.plusSeconds(10));
    publish("c", false, base.plusSeconds(20));
    assertThat(store().latestSignificant()).contains(significant);
  }

  @Test
  void campaign_isDueFromItsFirstAttempt_postponedKeepingTheFailure_andListedOnce() {
    PolicyVersion v = publish("a", true, base);
    inTx(() -> {
      store().openCampaign(v.id(), base, base.plusSeconds(30));
      return null;
    });
    assertThat(store().campaign(v.id())).contains(new PolicyStore.Campaign(v.id(), base, Optional.empty(), 0, Optional.empty()));
    assertThat(store().unlisted(base.plusSeconds(29), 1000)).extracting(PolicyStore.Campaign::versionId).doesNotContain(v.id());
    assertThat(store().unlisted(base.plusSeconds(30), 1000)).extracting(PolicyStore.Campaign::versionId).contains(v.id());

    store().postpone(v.id(), 1, base.plusSeconds(90), "LEAF_UNAVAILABLE");
    assertThat(store().campaign(v.id()).orElseThrow().lastFailure()).contains("LEAF_UNAVAILABLE");
    assertThat(store().unlisted(base.plusSeconds(60), 1000)).extracting(PolicyStore.Campaign::versionId).doesNotContain(v.id());

    assertThat(wrote(() -> store().markListed(v.id(), base.plusSeconds(100)))).isTrue();
    assertThat(wrote(() -> store().markListed(v.id(), base.plusSeconds(200)))).isFalse();
    store().postpone(v.id(), 2, base.plusSeconds(300), "LATE");
    PolicyStore.Campaign listed = store().campaign(v.id()).orElseThrow();
    assertThat(listed.listTime()).contains(base.plusSeconds(100));
    assertThat(listed.attempts()).isEqualTo(1);
    assertThat(store().unlisted(base.plusSeconds(400), 1000)).extracting(PolicyStore.Campaign::versionId).doesNotContain(v.id());
  }

  @Test
  void aRolledBackListing_leavesTheCampaignUnlisted() {
    PolicyVersion v = publish("a", true, base);
    inTx(() -> {
      store().openCampaign(v.id(), base, base);
      return null;
    });
    try {
      inTx(() -> {
        store().markListed(v.id(), base.plusSeconds(1));
        throw new IllegalStateException("rolled back");
      });
    } catch (IllegalStateException expected) {
      // the listing's transaction failed after marking
    }
    assertThat(store().campaign(v.id()).orElseThrow().listTime()).isEmpty();
  }

  @Test
  void deliveryCounts_countQueuedMessages_andNoticesWithoutAnAddressAsFailed() {
    PolicyVersion v = publish("a", true, base);
    PolicyStore.DeliveryCounts allBefore = store().allDeliveryCounts();
    inTx(() -> {
      String messageId = outbox().enqueue(outboxTransaction(), new OutgoingMail("policy-notice", v.name(), Optional.of("projects/acme/accounts/ann"),
          "ann@example.com", "subject", "body"));
      store().insertNotices(v.id(), List.of(new PolicyStore.StoredNotice(0, "projects/acme", "projects/acme/accounts/ann",
          Optional.of(messageId)), new PolicyStore.StoredNotice(1, "projects/acme", "projects/acme/accounts/ben", Optional.empty())));
      return null;
    });
    assertThat(store().deliveryCounts(v.id())).isEqualTo(new PolicyStore.DeliveryCounts(2, 1, 0, 0, 1));
    PolicyStore.DeliveryCounts allAfter = store().allDeliveryCounts();
    assertThat(allAfter.notices() - allBefore.notices()).isEqualTo(2);
    assertThat(allAfter.failed() - allBefore.failed()).isEqualTo(1);
    assertThat(store().deliveryCounts(prefix + "none")).isEqualTo(new PolicyStore.DeliveryCounts(0, 0, 0, 0, 0));
  }

  @Test
  void acknowledgement_isRecordedOncePerAccountAndVersion_andCountedForSignificantVersionsOnly() {
    PolicyVersion significant = publish("a", true, base);
    PolicyVersion minor = publish("b", false, base.plusSeconds(1));
    long before = store().allSignificantAcknowledgements();
    var first = new PolicyStore.Acknowledgement("projects/acme/accounts/ann", significant.id(), base.plusSeconds(5), 11);
    assertThat(wrote(() -> store().insertAcknowledgement(first))).isTrue();
    assertThat(wrote(() -> store().insertAcknowledgement(new PolicyStore.Acknowledgement(first.account(), significant.id(),
        base.plusSeconds(9), 12)))).isFalse();
    assertThat(wrote(() -> store().insertAcknowledgement(new PolicyStore.Acknowledgement(first.account(), minor.id(),
        base.plusSeconds(9), 13)))).isTrue();

    assertThat(store().acknowledgement(first.account(), significant.id())).contains(first);
    assertThat(store().acknowledgement("projects/acme/accounts/ben", significant.id())).isEmpty();
    assertThat(store().acknowledgements(significant.id())).isEqualTo(1);
    assertThat(store().allSignificantAcknowledgements() - before).isEqualTo(1);
  }
}
