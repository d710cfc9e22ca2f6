package org.custody.platform.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail outbox: messages are queued in the same transaction as the change that calls for
 * them, and delivered afterwards by {@link OutboxDispatcher} with retries, so a notice is never
 * promised without being sent nor sent for a change that was rolled back. Every service that
 * sends mail uses this one mechanism, on the platform table {@code custody_mail_outbox} of its
 * own database, to the SMTP relay of {@link SmtpSettings}.
 */
public final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  /** Rows changed per statement: short transactions while the dispatcher works beside it. */
  private static final int FORGET_BATCH = 500;

  private final OutboxStore store;
  private final Clock clock;
  private final Runnable nudge;

  /**
   * @param nudge asks the dispatcher to run soon (after a commit that queued messages)
   */
  public Outbox(OutboxStore store, Clock clock, Runnable nudge) {
    this.store = store;
    this.clock = clock;
    this.nudge = nudge;
  }

  /** Queues {@code mail} within {@code tx}; returns the message id. */
  public String enqueue(OutboxTransaction tx, OutgoingMail mail) {
    String id = UUID.randomUUID().toString();
    store.insert(tx, new OutboxMessage(id, mail, MessageState.PENDING, 0, Optional.of(clock.instant()), Optional.empty(), false,
        clock.instant(), Optional.empty()));
    return id;
  }

  /** Asks for delivery soon; call after the transaction that queued messages committed. */
  public void nudge() {
    nudge.run();
  }

  public Map<String, OutboxMessage> find(Collection<String> ids) {
    return store.find(ids);
  }

  /** The messages queued for a data subject (by the id the service gave them), oldest first. */
  public List<SentMail> sentTo(String subjectId, int limit) {
    return store.sentTo(subjectId, limit);
  }

  /** At a subject's erasure: nothing more is sent to them, and what was sent keeps no address or text. */
  public void forgetSubject(OutboxTransaction tx, String subjectId) {
    store.forgetSubject(tx, subjectId);
  }

  /**
   * Forgets the address and text of messages finished longer than {@code retention} ago (a
   * notice's text names its addressee); the delivery record stays. Returns how many.
   */
  public int forgetFinished(Duration retention) {
    Instant before = clock.instant().minus(retention);
    int total = 0;
    List<String> forgotten;
    String after = "";
    do { // keyset by id: one pass over the table, however many batches
      forgotten = store.forgetFinished(before, after, FORGET_BATCH);
      total += forgotten.size();
      after = forgotten.isEmpty() ? after : forgotten.get(forgotten.size() - 1);
    } while (forgotten.size() == FORGET_BATCH);
    if (total > 0) {
      log.info("mail past retention forgotten count={}", total);
    }
    return total;
  }
}
