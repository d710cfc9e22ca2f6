package org.custody.analytics.budget;

class InMemoryBudgetStoreTest extends BudgetStoreContract {
  private final InMemoryBudgetStore store = new InMemoryBudgetStore();

  @Override
  protected BudgetStore store() {
    return store;
  }
}
