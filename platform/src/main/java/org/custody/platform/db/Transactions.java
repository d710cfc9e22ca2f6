package org.custody.platform.db;

import java.util.function.Supplier;

/**
 * Runs domain work that touches several stores atomically: everything the work does through the
 * stores commits together or not at all. Nested calls join the outer transaction.
 *
 * <p>Domain code depends on this port only; the jOOQ stores share a {@link ThreadBoundTransactions}
 * that implements it, and unit tests with in-memory stores use {@link #none()}.
 */
public interface Transactions {
  <T> T inTransaction(Supplier<T> work);

  /** Runs work that returns nothing. */
  default void run(Runnable work) {
    inTransaction(() -> {
      work.run();
      return null;
    });
  }

  /** For stores without transactions (the in-memory fakes of unit tests). */
  static Transactions none() {
    return Supplier::get;
  }
}
