package org.custody.disclosure.erasure;

import org.custody.platform.mail.OutboxTransaction;
import org.custody.platform.db.Transactions;
import org.custody.disclosure.store.DisclosureStores;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.mail.JooqOutboxStore;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxStore;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The erasure store contract on the jOOQ store, the platform outbox table and a fresh MariaDB database. */
@ExtendWith(FreshDatabase.class)
class JooqErasureStoreIT extends ErasureStoreContract {
  private static Database database;
  private static DisclosureStores stores;
  private static JooqOutboxStore outboxStore;
  private static Outbox outbox;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = Database.open(settings, "disclosure", null);
    stores = new DisclosureStores(database.dsl());
    outboxStore = new JooqOutboxStore(database.dsl());
    outbox = new Outbox(outboxStore, MutableClock.at("2026-11-27T10:00:00Z"), () -> { });
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  Transactions transactions() {
    return stores.transactions();
  }

  @Override
  ErasureStore store() {
    return stores.erasures();
  }

  @Override
  OutboxStore outboxStore() {
    return outboxStore;
  }

  @Override
  OutboxTransaction outboxTransaction() {
    return stores.outboxTransaction();
  }

  @Override
  Outbox outbox() {
    return outbox;
  }
}
