package org.custody.analytics.store;

import org.custody.analytics.salt.SaltStore;
import org.custody.analytics.salt.SaltStoreContract;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class JooqSaltStoreIT extends SaltStoreContract {
  private static Database database;
  private static SaltStore store;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = MigratedDatabase.open(settings);
    store = new AnalyticsStores(database.dsl()).salts();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected SaltStore store() {
    return store;
  }
}
