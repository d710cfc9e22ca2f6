package org.custody.platform.db;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The jOOQ stores' way to the database. Inside {@link #inTransaction} every store sharing this
 * instance uses the transaction's connection (bound to the calling thread), so domain work that
 * spans several stores commits or rolls back as one; outside, each statement commits on its own.
 * Nested calls join the outer transaction.
 *
 * <p>A transaction the database chose as a deadlock victim (error 1213, SQLSTATE 40001) is run
 * again from the start, up to {@value #ATTEMPTS} times in all: the work must therefore touch
 * nothing but the database (or be safe to repeat) until it returns.
 */
public final class ThreadBoundTransactions implements Transactions {
  private static final int ATTEMPTS = 4;
  private static final int MYSQL_DEADLOCK = 1213;

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
    for (int attempt = 1; ; attempt++) {
      try {
        return root.transactionResult(configuration -> {
          current.set(configuration.dsl());
          try {
            return work.get();
          } finally {
            current.remove();
          }
        });
      } catch (DataAccessException e) {
        if (attempt >= ATTEMPTS || !isRollbackVictim(e)) {
          throw e;
        }
      }
    }
  }

  static boolean isRollbackVictim(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransactionRollbackException) {
        return true;
      }
      if (c instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == MYSQL_DEADLOCK)) {
        return true;
      }
    }
    return false;
  }
}
