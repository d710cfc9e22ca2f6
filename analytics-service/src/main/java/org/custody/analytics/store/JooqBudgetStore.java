package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.PRIVACY_BUDGET_SPEND;

import java.time.LocalDate;
import org.custody.analytics.budget.BudgetStore;
import org.jooq.DSLContext;

/** Spending is one conditional UPDATE, so concurrent queries can never overdraw the budget. */
final class JooqBudgetStore implements BudgetStore {
  private final DSLContext dsl;

  JooqBudgetStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public long spentMicros(String projectId, LocalDate date) {
    Long spent = dsl.select(PRIVACY_BUDGET_SPEND.SPENT_MICRO_EPSILON).from(PRIVACY_BUDGET_SPEND)
        .where(PRIVACY_BUDGET_SPEND.PROJECT_ID.eq(projectId), PRIVACY_BUDGET_SPEND.BUDGET_DATE.eq(date))
        .fetchOne(PRIVACY_BUDGET_SPEND.SPENT_MICRO_EPSILON);
    return spent == null ? 0 : spent;
  }

  @Override
  public boolean trySpend(String projectId, LocalDate date, long micros, long limitMicros) {
    dsl.insertInto(PRIVACY_BUDGET_SPEND)
        .set(PRIVACY_BUDGET_SPEND.PROJECT_ID, projectId)
        .set(PRIVACY_BUDGET_SPEND.BUDGET_DATE, date)
        .set(PRIVACY_BUDGET_SPEND.SPENT_MICRO_EPSILON, 0L)
        .onDuplicateKeyIgnore()
        .execute();
    return dsl.update(PRIVACY_BUDGET_SPEND)
        .set(PRIVACY_BUDGET_SPEND.SPENT_MICRO_EPSILON, PRIVACY_BUDGET_SPEND.SPENT_MICRO_EPSILON.plus(micros))
        .where(PRIVACY_BUDGET_SPEND.PROJECT_ID.eq(projectId), PRIVACY_BUDGET_SPEND.BUDGET_DATE.eq(date),
            PRIVACY_BUDGET_SPEND.SPENT_MICRO_EPSILON.plus(micros).le(limitMicros))
        .execute() == 1;
  }
}
