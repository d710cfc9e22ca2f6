package org.custody.disclosure.transfer;

import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxStore;
import org.custody.platform.testkit.MutableClock;

/** The transfer notice store contract on the in-memory fake the unit tests use. */
class InMemoryTransferNoticeStoreTest extends TransferNoticeStoreContract {
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryOutboxStore outboxStore = new InMemoryOutboxStore();
  private final InMemoryTransferNoticeStore store = new InMemoryTransferNoticeStore(outboxStore);
  private final Outbox outbox = new Outbox(outboxStore, MutableClock.at("2026-11-27T10:00:00Z"), () -> { });

  @Override
  Transactions transactions() {
    return transactions;
  }

  @Override
  TransferNoticeStore store() {
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
