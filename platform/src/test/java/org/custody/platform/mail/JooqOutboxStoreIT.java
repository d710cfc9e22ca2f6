package org.custody.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform outbox on the platform table in a real MariaDB: a message queued inside a
 * transaction that rolls back is never sent; a message whose text holds a token forgets the text
 * when delivered; a subject's erasure gives up their pending mail and blanks all of it.
 */
@ExtendWith(FreshDatabase.class)
class JooqOutboxStoreIT {
  private static final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private static Database database;
  private static ThreadBoundTransactions transactions;
  private static JooqOutboxStore store;
  private static Outbox outbox;
  private static OutboxTransaction current;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = Database.open(settings, "platform-test", new SimpleMeterRegistry());
    transactions = new ThreadBoundTransactions(database.dsl());
    store = new JooqOutboxStore(database.dsl());
    outbox = new Outbox(store, clock, () -> { });
    current = statement -> {
      statement.attach(transactions.dsl().configuration());
      statement.execute();
    };
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static OutgoingMail mail(String subject, String to, boolean secret) {
    return new OutgoingMail("account-recovery", "projects/acme/accounts/" + subject, Optional.of("projects/acme/accounts/" + subject), to,
        "Reset your password", "open https://example.test/recovery#token=SECRET", secret);
  }

  @Test
  void enqueue_inARolledBackTransaction_isNeverDue() {
    try {
      transactions.run(() -> {
        outbox.enqueue(current, mail("rolled", "rolled@example.com", false));
        throw new IllegalStateException("the caller's change failed");
      });
    } catch (IllegalStateException expected) {
      // the mail went with it
    }
    assertThat(outbox.sentTo("projects/acme/accounts/rolled", 10)).isEmpty();
  }

  @Test
  void markDelivered_blanksTheTextOfAMessageCarryingASecret_only() {
    String secret = transactions.inTransaction(() -> outbox.enqueue(current, mail("ann", "ann@example.com", true)));
    String plain = transactions.inTransaction(() -> outbox.enqueue(current, mail("ann", "ann@example.com", false)));
    assertThat(store.due(clock.instant(), 10)).extracting(OutboxMessage::id).contains(secret, plain);
    store.markDelivered(current, secret, 1, clock.instant(), OptionalLong.empty());
    store.markDelivered(current, plain, 1, clock.instant(), OptionalLong.empty());
    var found = store.find(List.of(secret, plain));
    assertThat(found.get(secret).mail().body()).isEmpty();
    assertThat(found.get(secret).mail().carriesSecret()).isTrue();
    assertThat(found.get(plain).mail().body()).contains("token=SECRET");
    assertThat(found.get(secret).deliverTime()).contains(clock.instant());
  }

  @Test
  void forgetSubject_givesUpPendingMailAndBlanksEveryMessage() {
    String delivered = transactions.inTransaction(() -> outbox.enqueue(current, mail("bob", "bob@example.com", false)));
    store.markDelivered(current, delivered, 1, clock.instant(), OptionalLong.of(7));
    String pending = transactions.inTransaction(() -> outbox.enqueue(current, mail("bob", "bob@example.com", false)));
    transactions.run(() -> outbox.forgetSubject(current, "projects/acme/accounts/bob"));
    List<SentMail> sent = outbox.sentTo("projects/acme/accounts/bob", 10);
    assertThat(sent).hasSize(2).allSatisfy(m -> assertThat(m.to()).isEmpty());
    var rows = store.find(List.of(delivered, pending));
    assertThat(rows.get(delivered).state()).isEqualTo(MessageState.DELIVERED);
    assertThat(rows.get(pending).state()).isEqualTo(MessageState.FAILED);
    assertThat(rows.get(pending).failure()).contains("ERASED");
    assertThat(store.due(Instant.parse("2030-01-01T00:00:00Z"), 100)).extracting(OutboxMessage::id).doesNotContain(pending);
  }

  /**
   * Two instances list the same due message; one attempts it first and records a failure with a
   * later next attempt. The other's claim, from its stale listing, must not take it before then
   * (before the fix it did, sending again at once and skipping the backoff).
   */
  @Test
  void claim_fromAStaleListing_afterAnotherInstanceRescheduledTheMessage_isRefused() {
    String id = transactions.inTransaction(() -> outbox.enqueue(current, mail("cleo", "cleo@example.com", false)));
    Instant now = clock.instant();
    assertThat(store.due(now, 10)).extracting(OutboxMessage::id).contains(id);  // both instances see it due
    assertThat(store.claim(id, now, now.plusSeconds(300))).isTrue();             // the first attempts it
    store.markFailed(current, id, 1, "SMTP_TEMPORARY", false, Optional.of(now.plusSeconds(60)));
    assertThat(store.claim(id, now, now.plusSeconds(300))).as("claim before the next attempt is due").isFalse();
    assertThat(store.claim(id, now.plusSeconds(61), now.plusSeconds(361))).as("claim once it is due").isTrue();
    store.markDelivered(current, id, 2, now.plusSeconds(61), OptionalLong.empty());
    assertThat(store.claim(id, now.plusSeconds(400), now.plusSeconds(700))).as("claim of a delivered message").isFalse();
  }
}
