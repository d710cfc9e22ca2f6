package org.custody.analytics.store;

import org.custody.analytics.budget.BudgetStore;
import org.custody.analytics.budget.BudgetStoreContract;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqBudgetStoreIT extends BudgetStoreContract {
  @RegisterExtension static final ServiceDatabase<AnalyticsStores> db = ServiceDatabase.of("analytics", AnalyticsStores::new);

  @Override
  protected BudgetStore store() {
    return db.stores().budgets();
  }
}
