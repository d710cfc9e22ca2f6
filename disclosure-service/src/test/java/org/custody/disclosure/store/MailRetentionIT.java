package org.custody.disclosure.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.mail.JooqOutboxStore;
import org.custody.platform.mail.OutboxStore;
import org.custody.platform.mail.OutgoingMail;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivered mail does not keep its addressee's address and text for ever: past the retention
 * period they are blanked, the delivery record stays, and nothing still due is touched.
 */
class MailRetentionIT {
  private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(90);

  private DatabaseSettings settings;
  private Database database;
  private DisclosureStores stores;
  private OutboxStore store;
  private final MutableClock clock = new MutableClock(START);

  @BeforeEach
  void open() {
    settings = TestDatabases.fresh("mailretention");
    database = Database.open(settings, "disclosure", null);
    stores = new DisclosureStores(database.dsl());
    store = new JooqOutboxStore(database.dsl());
  }

  @AfterEach
  void close() {
    database.close();
    TestDatabases.drop(settings);
  }

  private String queue(Outbox outbox, String who) {
    return stores.transactions().inTransaction(() -> outbox.enqueue(stores.outboxTransaction(),
        new OutgoingMail("transfer-notice", "disclosures/d-1", Optional.of("projects/acme/accounts/" + who), who + "@example.com",
            "Your data will be transferred", "Dear " + who + ", ...")));
  }

  @Test
  void forgetFinished_blanksAddressAndTextOfMailFinishedBeforeTheRetention_only() {
    Outbox outbox = new Outbox(store, clock, () -> {});
    String delivered = queue(outbox, "ann");
    String givenUp = queue(outbox, "bob");
    String retrying = queue(outbox, "cem");
    String pending = queue(outbox, "dan");
    String deliveredLate = queue(outbox, "eve");
    stores.transactions().inTransaction(() -> {
      store.markDelivered(stores.outboxTransaction(), delivered, 1, START.plusSeconds(60), java.util.OptionalLong.of(1));
      store.markFailed(stores.outboxTransaction(), givenUp, 1, "SMTP_550", true, Optional.empty());
      store.markFailed(stores.outboxTransaction(), retrying, 3, "CONNECT", false, Optional.of(START.plus(RETENTION).plusSeconds(3600)));
      store.markDelivered(stores.outboxTransaction(), deliveredLate, 2, START.plus(Duration.ofDays(30)), java.util.OptionalLong.of(2));
      return null;
    });

    clock.set(START.plus(RETENTION).plus(Duration.ofDays(1)));
    assertThat(outbox.forgetFinished(RETENTION)).isEqualTo(2);

    Map<String, OutboxMessage> rows = store.find(List.of(delivered, givenUp, retrying, pending, deliveredLate));
    for (String forgotten : List.of(delivered, givenUp)) {
      OutboxMessage m = rows.get(forgotten);
      assertThat(m.mail().to()).isEmpty();
      assertThat(m.mail().subject()).isEmpty();
      assertThat(m.mail().body()).isEmpty();
      assertThat(m.mail().topic()).isEqualTo("transfer-notice"); // the record of what was sent, and when, stays
      assertThat(m.mail().subjectId()).isPresent();
    }
    assertThat(rows.get(delivered).state()).isEqualTo(MessageState.DELIVERED);
    assertThat(rows.get(delivered).deliverTime()).contains(START.plusSeconds(60));
    assertThat(rows.get(givenUp).failure()).contains("SMTP_550");
    assertThat(rows.get(retrying).mail().to()).isEqualTo("cem@example.com"); // still to be retried
    assertThat(rows.get(pending).mail().to()).isEqualTo("dan@example.com");  // never attempted
    assertThat(rows.get(deliveredLate).mail().body()).isEqualTo("Dear eve, ..."); // delivered within the period

    assertThat(outbox.forgetFinished(RETENTION)).as("nothing left to forget").isZero();
    clock.set(START.plus(Duration.ofDays(30)).plus(RETENTION).plusSeconds(1));
    assertThat(outbox.forgetFinished(RETENTION)).isEqualTo(1);
    assertThat(store.find(List.of(deliveredLate)).get(deliveredLate).mail().to()).isEmpty();
  }

  @Test
  void forgetFinished_goesThroughMoreRowsThanOneBatch() {
    Outbox outbox = new Outbox(store, clock, () -> {});
    List<String> ids = stores.transactions().inTransaction(() -> java.util.stream.IntStream.range(0, 1_203)
        .mapToObj(i -> outbox.enqueue(stores.outboxTransaction(), new OutgoingMail("policy-notice", "policyVersions/v2", Optional.empty(), "user" + i + "@example.com",
            "Our privacy policy changes", "Dear user " + i)))
        .toList());
    stores.transactions().inTransaction(() -> {
      ids.forEach(id -> store.markDelivered(stores.outboxTransaction(), id, 1, START, java.util.OptionalLong.of(1)));
      return null;
    });
    clock.set(START.plus(RETENTION).plusSeconds(1));
    assertThat(outbox.forgetFinished(RETENTION)).isEqualTo(1_203);
    assertThat(store.find(ids).values()).allSatisfy(m -> assertThat(m.mail().to()).isEmpty());
  }
}
