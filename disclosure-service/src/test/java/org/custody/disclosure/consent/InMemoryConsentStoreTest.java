package org.custody.disclosure.consent;

import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.db.Transactions;

/** The consent store contract on the in-memory fake the unit tests use. */
class InMemoryConsentStoreTest extends ConsentStoreContract {
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryConsentStore store = new InMemoryConsentStore();

  @Override
  Transactions transactions() {
    return transactions;
  }

  @Override
  ConsentStore store() {
    return store;
  }
}
