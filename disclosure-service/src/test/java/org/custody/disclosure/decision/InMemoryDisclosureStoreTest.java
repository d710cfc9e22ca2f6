package org.custody.disclosure.decision;

import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.db.Transactions;

/** The disclosure store contract on the in-memory fake the unit tests use. */
class InMemoryDisclosureStoreTest extends DisclosureStoreContract {
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryDisclosureStore store = new InMemoryDisclosureStore();

  @Override
  Transactions transactions() {
    return transactions;
  }

  @Override
  DisclosureStore store() {
    return store;
  }
}
