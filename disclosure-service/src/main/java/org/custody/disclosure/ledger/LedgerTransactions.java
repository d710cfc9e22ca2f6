package org.custody.disclosure.ledger;

import java.util.function.Function;

/** Runs work in one database transaction: committed if it returns, rolled back if it throws. */
public interface LedgerTransactions extends AutoCloseable {
  <T> T inTransaction(Function<Transaction, T> work);

  /** Releases what the transactions hold (a dedicated connection); nothing by default. */
  @Override
  default void close() {}
}
