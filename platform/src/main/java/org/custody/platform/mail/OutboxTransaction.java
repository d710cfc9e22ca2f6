package org.custody.platform.mail;

import org.jooq.Query;

/**
 * A caller's open database transaction, as the outbox sees it: somewhere to run its statements,
 * so a message is queued (and an outcome recorded) atomically with the caller's own writes. Each
 * service adapts the transactions its stores use: a thread-bound jOOQ transaction runs the
 * statement at once, a batching one may defer it to its next flush.
 */
@FunctionalInterface
public interface OutboxTransaction {
  /** Runs {@code statement} (built unattached) in this transaction. */
  void execute(Query statement);
}
