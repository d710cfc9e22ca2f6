package org.custody.disclosure.decision;

import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.LedgerTransactions;

/** The disclosure store contract on the in-memory fake the unit tests use. */
class InMemoryDisclosureStoreTest extends DisclosureStoreContract {
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryDisclosureStore store = new InMemoryDisclosureStore();

  @Override
  LedgerTransactions transactions() {
    return transactions;
  }

  @Override
  DisclosureStore store() {
    return store;
  }
}
