package org.custody.disclosure.erasure;

import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxStore;
import org.custody.platform.testkit.MutableClock;

/** The erasure store contract on the in-memory fake the unit tests use. */
class InMemoryErasureStoreTest extends ErasureStoreContract {
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryOutboxStore outboxStore = new InMemoryOutboxStore();
  private final InMemoryErasureStore store = new InMemoryErasureStore(outboxStore);
  private final Outbox outbox = new Outbox(outboxStore, MutableClock.at("2026-11-27T10:00:00Z"), () -> { });

  @Override
  Transactions transactions() {
    return transactions;
  }

  @Override
  ErasureStore store() {
    return store;
  }

  @Override
  OutboxStore outboxStore() {
    return outboxStore;
  }

  @Override
  Outbox outbox() {
    return outbox;
  }
}
