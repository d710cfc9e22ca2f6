package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.PRIVACY_BUDGET_SPEND;

import java.time.LocalDate;
import org.custody.analytics.budget.BudgetStore;
import org.jooq.DSLContext;

final class JooqBudgetStore implements BudgetStore {
  private final DSLContext dsl;

  JooqBudgetStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public double spent(String projectId, LocalDate date) {
    Double spent = dsl.select(PRIVACY_BUDGET_SPEND.SPENT_EPSILON).from(PRIVACY_BUDGET_SPEND)
        .where(PRIVACY_BUDGET_SPEND.PROJECT_ID.eq(projectId), PRIVACY_BUDGET_SPEND.BUDGET_DATE.eq(date))
        .fetchOne(PRIVACY_BUDGET_SPEND.SPENT_EPSILON);
    return spent == null ? 0 : spent;
  }
}
