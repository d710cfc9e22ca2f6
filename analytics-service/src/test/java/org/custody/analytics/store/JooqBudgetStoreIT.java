package org.custody.analytics.store;

import org.custody.analytics.budget.BudgetStore;
import org.custody.analytics.budget.BudgetStoreContract;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class JooqBudgetStoreIT extends BudgetStoreContract {
  private static Database database;
  private static BudgetStore store;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = MigratedDatabase.open(settings);
    store = new AnalyticsStores(database.dsl()).budgets();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected BudgetStore store() {
    return store;
  }
}
