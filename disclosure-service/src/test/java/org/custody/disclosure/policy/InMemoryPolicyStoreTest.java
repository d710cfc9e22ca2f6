package org.custody.disclosure.policy;

import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.Outbox;
import org.custody.platform.testkit.MutableClock;

/** The policy store contract on the in-memory fake the unit tests use. */
class InMemoryPolicyStoreTest extends PolicyStoreContract {
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryOutboxStore outboxStore = new InMemoryOutboxStore();
  private final InMemoryPolicyStore store = new InMemoryPolicyStore(outboxStore);
  private final Outbox outbox = new Outbox(outboxStore, MutableClock.at("2030-01-01T00:00:00Z"), () -> { });

  @Override
  Transactions transactions() {
    return transactions;
  }

  @Override
  PolicyStore store() {
    return store;
  }

  @Override
  Outbox outbox() {
    return outbox;
  }
}
