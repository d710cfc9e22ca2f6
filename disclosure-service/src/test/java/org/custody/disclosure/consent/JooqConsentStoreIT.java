package org.custody.disclosure.consent;

import org.custody.platform.db.Transactions;
import org.custody.disclosure.store.DisclosureStores;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The consent store contract on the jOOQ store and a fresh MariaDB database. */
@ExtendWith(FreshDatabase.class)
class JooqConsentStoreIT extends ConsentStoreContract {
  private static Database database;
  private static DisclosureStores stores;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = Database.open(settings, "disclosure", null);
    stores = new DisclosureStores(database.dsl());
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
  ConsentStore store() {
    return stores.consents();
  }
}
