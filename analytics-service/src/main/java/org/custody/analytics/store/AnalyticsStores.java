package org.custody.analytics.store;

import org.custody.analytics.budget.BudgetStore;
import org.jooq.DSLContext;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class AnalyticsStores {
  private final DSLContext dsl;

  public AnalyticsStores(DSLContext dsl) {
    this.dsl = dsl;
  }

  public BudgetStore budgets() {
    return new JooqBudgetStore(dsl);
  }
}
