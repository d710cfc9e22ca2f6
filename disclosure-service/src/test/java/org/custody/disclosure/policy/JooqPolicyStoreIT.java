package org.custody.disclosure.policy;

import org.custody.platform.mail.OutboxTransaction;
import org.custody.platform.db.Transactions;
import org.custody.disclosure.store.DisclosureStores;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.mail.JooqOutboxStore;
import org.custody.platform.mail.Outbox;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The policy store contract on the jOOQ store, the platform outbox table and a fresh MariaDB database. */
@ExtendWith(FreshDatabase.class)
class JooqPolicyStoreIT extends PolicyStoreContract {
  private static Database database;
  private static DisclosureStores stores;
  private static Outbox outbox;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = Database.open(settings, "disclosure", null);
    stores = new DisclosureStores(database.dsl());
    outbox = new Outbox(new JooqOutboxStore(database.dsl()), MutableClock.at("2030-01-01T00:00:00Z"), () -> { });
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
  PolicyStore store() {
    return stores.policies();
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
