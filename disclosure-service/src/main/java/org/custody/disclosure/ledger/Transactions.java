package org.custody.disclosure.ledger;

import java.util.function.Function;

/** Runs work in one database transaction: committed if it returns, rolled back if it throws. */
public interface Transactions {
  <T> T inTransaction(Function<Transaction, T> work);
}
