package org.custody.platform.mail;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Persistence of the mail outbox. Writes that belong to a caller's change run in its transaction. */
public interface OutboxStore {
  void insert(OutboxTransaction tx, OutboxMessage message);

  /** Messages due for an attempt at {@code now}, oldest due first. */
  List<OutboxMessage> due(Instant now, int limit);

  /** Takes a due message for an attempt until {@code leaseUntil}; false if another sender has it. */
  boolean claim(String id, Instant now, Instant leaseUntil);

  void markDelivered(OutboxTransaction tx, String id, int attempts, Instant time, OptionalLong journalIndex);

  /** Records a failed attempt; {@code nextAttempt} empty means given up. */
  void markFailed(OutboxTransaction tx, String id, int attempts, String failure, boolean permanent, Optional<Instant> nextAttempt);

  Map<String, OutboxMessage> find(Collection<String> ids);

  /** The messages queued for {@code subjectId}, oldest first (for a subject export). */
  List<SentMail> sentTo(String subjectId, int limit);

  /**
   * At a subject's erasure: gives up every message to {@code subjectId} not yet delivered
   * (failure {@code ERASED}) and blanks the address, subject line and text of all of them.
   */
  void forgetSubject(OutboxTransaction tx, String subjectId);

  /**
   * Blanks the address, subject line and text of the first {@code limit} messages, in id order
   * after {@code afterId}, that were delivered, or given up after being queued, before
   * {@code finishedBefore} and still hold them; returns their ids in order. The row itself
   * (topic, reference, state, times, journal entry) stays.
   */
  List<String> forgetFinished(Instant finishedBefore, String afterId, int limit);
}
