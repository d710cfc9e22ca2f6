package org.custody.disclosure.store;

import java.util.List;
import java.util.function.Supplier;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.mail.OutboxTransaction;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * How every disclosure store reaches the database: the platform's {@link ThreadBoundTransactions},
 * shared by all of them, so a store joins whatever transaction the calling thread runs in (as in
 * the other services). One addition, for the ledger writer's group commit only: inside the
 * writer's transaction, inserts whose results nobody reads are held in a {@link StatementQueue}
 * and sent together before the next immediate statement or the commit; outside it (domain work in
 * an ordinary transaction, the contract tests) the same calls run at once.
 */
final class StoreContext {
  private final ThreadBoundTransactions transactions;
  private final ThreadLocal<StatementQueue> groupCommit = new ThreadLocal<>();

  StoreContext(ThreadBoundTransactions transactions) {
    this.transactions = transactions;
  }

  ThreadBoundTransactions transactions() {
    return transactions;
  }

  /** The context for a statement run now: the thread's transaction (after sending what it holds back), or the pool's. */
  DSLContext dsl() {
    StatementQueue queue = groupCommit.get();
    if (queue != null) {
      queue.flush();
    }
    return transactions.dsl();
  }

  /** Sends what the writer's transaction holds back now (so a unique key it violates fails here). */
  void sendHeldBack() {
    StatementQueue queue = groupCommit.get();
    if (queue != null) {
      queue.flush();
    }
  }

  /** Runs {@code query} with the next flush inside the ledger writer's transaction, else now. */
  void defer(Query query) {
    StatementQueue queue = groupCommit.get();
    if (queue != null) {
      queue.add(query);
    } else {
      runNow(new DeferredStatement.Jooq(query));
    }
  }

  /** Writes one row of {@code shape} with the next flush inside the ledger writer's transaction, else now. */
  void deferRow(RowShape shape, Object... row) {
    StatementQueue queue = groupCommit.get();
    if (queue != null) {
      queue.addRow(shape, row);
    } else {
      DeferredStatement.Rows rows = new DeferredStatement.Rows(shape);
      rows.add(row);
      runNow(rows);
    }
  }

  /** The writer transaction's queue; the ledger's appends are only ever made inside it. */
  StatementQueue writerQueue() {
    StatementQueue queue = groupCommit.get();
    if (queue == null) {
      throw new IllegalStateException("ledger appends run inside the ledger writer's group commit only");
    }
    return queue;
  }

  /** Where the mail outbox queues messages: with the writer's statements inside its transaction, else in the thread's transaction. */
  OutboxTransaction outboxTransaction() {
    return this::defer;
  }

  /**
   * Runs {@code work} as the ledger writer's group commit inside {@code transaction} (already open
   * and bound to this thread by the caller), then sends what it held back. The caller commits.
   */
  <T> T inGroupCommit(DSLContext transaction, boolean multiStatements, Supplier<T> work) {
    if (groupCommit.get() != null) {
      throw new IllegalStateException("a group commit is already open on this thread");
    }
    StatementQueue queue = new StatementQueue(transaction, multiStatements);
    groupCommit.set(queue);
    try {
      T result = work.get();
      queue.flush();
      return result;
    } finally {
      groupCommit.remove();
    }
  }

  private void runNow(DeferredStatement statement) {
    try {
      StatementQueue.executeOneByOne(transactions.dsl(), List.of(statement));
    } catch (DataAccessException e) {
      throw StatementQueue.conflictOr(e);
    }
  }
}
