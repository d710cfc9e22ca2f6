package org.custody.platform.db;

import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The jOOQ stores' way to the database. Inside {@link #inTransaction} every store sharing this
 * instance uses the transaction's connection (bound to the calling thread), so domain work that
 * spans several stores commits or rolls back as one; outside, each statement commits on its own.
 * Nested calls join the outer transaction.
 *
 * <p>A transaction the database chose as a deadlock victim (error 1213, SQLSTATE 40001; also a
 * Galera certification conflict) is run again from the start, up to {@value RollbackVictims#ATTEMPTS}
 * times in all ({@link RollbackVictims}): the work must therefore touch nothing but the database
 * (or be safe to repeat) until it returns.
 */
public final class ThreadBoundTransactions implements Transactions {
  private final DSLContext root;
  private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

  public ThreadBoundTransactions(DSLContext root) {
    this.root = root;
  }

  /** The context a store uses now: the current transaction's on this thread, or the pool's. */
  public DSLContext dsl() {
    DSLContext tx = current.get();
    return tx != null ? tx : root;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    return RollbackVictims.retried(() -> root.transactionResult(configuration -> {
      current.set(configuration.dsl());
      try {
        return work.get();
      } finally {
        current.remove();
      }
    }));
  }

  /**
   * Runs {@code work} with {@code transaction} bound to this thread, so the stores sharing this
   * instance join it: for a transaction the caller opened itself and commits or rolls back itself
   * (a single writer thread on a connection of its own, which saves the pool's round trips per
   * transaction). Nothing is retried here: the caller owns the transaction, so it decides what a
   * failure means. Binding while another transaction is bound on this thread is a bug.
   */
  public <T> T joining(DSLContext transaction, Supplier<T> work) {
    if (current.get() != null) {
      throw new IllegalStateException("a transaction is already bound to this thread");
    }
    current.set(transaction);
    try {
      return work.get();
    } finally {
      current.remove();
    }
  }
}
