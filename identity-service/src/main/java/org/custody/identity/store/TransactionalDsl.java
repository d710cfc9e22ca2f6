package org.custody.identity.store;

import java.util.function.Supplier;
import org.custody.identity.Transactions;
import org.jooq.DSLContext;

/**
 * The stores' way to the database: inside {@link #inTransaction} every store call on this thread
 * uses the transaction's connection, so domain work spanning several stores commits or rolls back
 * as one. Outside, each statement runs on its own.
 */
final class TransactionalDsl implements Transactions {
  private final DSLContext root;
  private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

  TransactionalDsl(DSLContext root) {
    this.root = root;
  }

  DSLContext dsl() {
    DSLContext inTransaction = current.get();
    return inTransaction != null ? inTransaction : root;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    return root.transactionResult(configuration -> {
      current.set(configuration.dsl());
      try {
        return work.get();
      } finally {
        current.remove();
      }
    });
  }
}
