package org.custody.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** Delivery, backoff, giving up and bounces, with a scripted sender and a controllable clock. */
class OutboxDispatcherTest {
  private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  /** The journal's entries, as a service's ledger would append them. */
  private final List<DeliveryJournal.Entry> journal = new ArrayList<>();
  private final InMemoryOutboxStore store = new InMemoryOutboxStore();
  private final Deque<MailSender.Result> script = new ArrayDeque<>();
  private final List<OutgoingMail> sent = new ArrayList<>();
  private final Counts counts = new Counts();
  private final OutboxDispatcher dispatcher = new OutboxDispatcher(store, mails -> {
    sent.addAll(mails);
    return mails.stream().map(m -> script.isEmpty() ? MailSender.Result.DELIVERED : script.poll()).toList();
  }, (entry, update) -> {
    entry.ifPresent(journal::add);
    update.accept(InMemoryOutboxStore.NO_TRANSACTION, entry.isPresent() ? OptionalLong.of(journal.size() - 1) : OptionalLong.empty());
  }, new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(10)), counts, clock);
  private final Outbox outbox = new Outbox(store, clock, () -> { });

  private String enqueue() {
    return outbox.enqueue(InMemoryOutboxStore.NO_TRANSACTION, new OutgoingMail("transfer-notice", "disclosures/d1",
        Optional.of("projects/acme/accounts/ann"), "ann@example.org", "Notice", "Hello"));
  }

  private OutboxMessage message(String id) {
    return store.find(List.of(id)).get(id);
  }

  @Test
  void delivered_isRecordedWithAJournalEntryWithoutTheAddress() {
    String id = enqueue();
    assertThat(dispatcher.dispatchDue()).isEqualTo(1);
    assertThat(message(id).state()).isEqualTo(MessageState.DELIVERED);
    assertThat(message(id).deliverTime()).contains(clock.instant());
    DeliveryJournal.Entry entry = journal.get(0);
    assertThat(entry.type()).isEqualTo("mail.delivered");
    assertThat(entry.body().toString()).contains("mail/" + id).contains("projects/acme/accounts/ann").doesNotContain("@");
    assertThat(counts.delivered).isEqualTo(1);
    assertThat(dispatcher.dispatchDue()).isZero();
  }

  @Test
  void transientFailure_isRetriedWithBackoff_thenGivenUp() {
    String id = enqueue();
    script.add(MailSender.Result.transientFailure("CONNECT"));
    script.add(MailSender.Result.transientFailure("SMTP_451"));
    script.add(MailSender.Result.transientFailure("CONNECT"));
    dispatcher.dispatchDue();
    assertThat(message(id).state()).isEqualTo(MessageState.FAILED);
    assertThat(message(id).nextAttemptTime()).contains(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(dispatcher.dispatchDue()).as("not due yet").isZero();
    clock.advance(Duration.ofMinutes(1));
    dispatcher.dispatchDue();
    assertThat(message(id).nextAttemptTime()).contains(clock.instant().plus(Duration.ofMinutes(2)));
    clock.advance(Duration.ofMinutes(2));
    dispatcher.dispatchDue();
    assertThat(message(id).givenUp()).isTrue();
    assertThat(message(id).attempts()).isEqualTo(3);
    assertThat(counts.retried).isEqualTo(2);
    assertThat(counts.failed).isEqualTo(1);
    assertThat(journal).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("mail.undeliverable");
      assertThat(e.body()).containsEntry("failure", "CONNECT");
    });
  }

  @Test
  void bounce_isGivenUpAtOnce() {
    String id = enqueue();
    script.add(MailSender.Result.permanentFailure("SMTP_550"));
    dispatcher.dispatchDue();
    assertThat(message(id).givenUp()).isTrue();
    assertThat(message(id).permanent()).isTrue();
    assertThat(message(id).failure()).contains("SMTP_550");
    clock.advance(Duration.ofDays(1));
    assertThat(dispatcher.dispatchDue()).isZero();
    assertThat(sent).hasSize(1);
  }

  @Test
  void retryDelay_doublesUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMinutes(1), Duration.ofMinutes(10));
    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
    assertThat(policy.delayAfter(9)).isEqualTo(Duration.ofMinutes(10));
  }

  private static final class Counts implements OutboxMetrics {
    int delivered;
    int retried;
    int failed;

    @Override
    public void delivered() {
      delivered++;
    }

    @Override
    public void retried() {
      retried++;
    }

    @Override
    public void failed() {
      failed++;
    }
  }
}
