package org.custody.billing.store;

import java.sql.SQLTransactionRollbackException;
import java.util.function.Supplier;
import org.custody.billing.Transactions;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Transactions for the jOOQ stores: inside {@link #inTransaction} every store of the same
 * {@link BillingStores} uses the transaction's connection (bound to the thread); outside, each
 * statement commits on its own. Nested calls join the outer transaction. A transaction the
 * database chose as a deadlock victim is run again, a few times, from the start.
 */
final class TransactionalDsl implements Transactions {
  private static final int ATTEMPTS = 4;

  private final DSLContext root;
  private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

  TransactionalDsl(DSLContext root) {
    this.root = root;
  }

  /** The context a store uses now: the current transaction's, or the pool's. */
  DSLContext dsl() {
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

  private static boolean isRollbackVictim(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransactionRollbackException) {
        return true;
      }
      if (c instanceof java.sql.SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213)) {
        return true;
      }
    }
    return false;
  }
}
