package org.custody.analytics.store;

import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.ingest.JournalStoreContract;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class JooqJournalStoreIT extends JournalStoreContract {
  private static Database database;
  private static JournalStore store;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = MigratedDatabase.open(settings);
    store = new AnalyticsStores(database.dsl()).journal();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected JournalStore journal() {
    return store;
  }
}
