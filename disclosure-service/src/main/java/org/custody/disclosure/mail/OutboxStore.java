package org.custody.disclosure.mail;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.ledger.Transaction;

/** Persistence of the mail outbox. */
public interface OutboxStore {
  void insert(Transaction tx, OutboxMessage message);

  /** Messages due for an attempt at {@code now}, oldest due first. */
  List<OutboxMessage> due(Instant now, int limit);

  /** Takes a due message for an attempt until {@code leaseUntil}; false if another sender has it. */
  boolean claim(String id, Instant now, Instant leaseUntil);

  void markDelivered(Transaction tx, String id, int attempts, Instant time, long ledgerIndex);

  /** Records a failed attempt; {@code nextAttempt} empty means given up. */
  void markFailed(Transaction tx, String id, int attempts, String failure, boolean permanent, Optional<Instant> nextAttempt);

  Map<String, OutboxMessage> find(Collection<String> ids);

  /**
   * Blanks the address, subject line and text of the first {@code limit} messages, in id order
   * after {@code afterId}, that were delivered, or given up after being queued, before
   * {@code finishedBefore} and still hold them; returns their ids in order. The row itself
   * (topic, reference, state, times, ledger entry) stays.
   */
  List<String> forgetFinished(Instant finishedBefore, String afterId, int limit);
}
