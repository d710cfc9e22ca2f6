package org.custody.disclosure.store;

import java.util.function.Function;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.ledger.LedgerTransactions;
import org.jooq.DSLContext;

final class JooqTransactions implements LedgerTransactions {
  private final DSLContext dsl;

  JooqTransactions(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public <T> T inTransaction(Function<Transaction, T> work) {
    return dsl.transactionResult(configuration -> {
      JooqTransaction tx = new JooqTransaction(configuration.dsl(), false);
      T result = work.apply(tx);
      tx.flush();
      return result;
    });
  }
}
