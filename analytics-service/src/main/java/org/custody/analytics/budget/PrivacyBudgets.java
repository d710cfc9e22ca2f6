package org.custody.analytics.budget;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The rules of the per-project daily privacy budget. */
public final class PrivacyBudgets {
  private final BudgetStore store;
  private final Clock clock;
  private final double dailyEpsilon;

  public PrivacyBudgets(BudgetStore store, Clock clock, double dailyEpsilon) {
    this.store = store;
    this.clock = clock;
    this.dailyEpsilon = dailyEpsilon;
  }

  /** Today's (UTC) budget of the project. */
  public PrivacyBudget today(String projectId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return new PrivacyBudget(projectId, today, dailyEpsilon, store.spent(projectId, today));
  }
}
