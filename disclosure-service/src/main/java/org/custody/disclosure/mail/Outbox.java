package org.custody.disclosure.mail;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custody.disclosure.ledger.Transaction;

/**
 * The mail outbox: messages are queued in the same transaction as the change that calls for
 * them, and delivered afterwards by {@link OutboxDispatcher} with retries, so a notice is never
 * promised without being sent nor sent for a change that was rolled back.
 */
public final class Outbox {
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
  public String enqueue(Transaction tx, OutgoingMail mail) {
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
}
