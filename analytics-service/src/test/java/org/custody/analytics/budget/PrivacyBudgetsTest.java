package org.custody.analytics.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class PrivacyBudgetsTest {
  @Test
  void today_usesTheUtcDay_andSubtractsWhatWasSpent() {
    MutableClock clock = MutableClock.at("2026-11-27T23:30:00Z");
    Map<String, Double> spent = Map.of("acme/2026-11-27", 2.5);
    BudgetStore store = (project, date) -> spent.getOrDefault(project + "/" + date, 0.0);
    PrivacyBudgets budgets = new PrivacyBudgets(store, clock, 10);
    PrivacyBudget budget = budgets.today("acme");
    assertThat(budget.date()).isEqualTo(LocalDate.parse("2026-11-27"));
    assertThat(budget.remainingEpsilon()).isEqualTo(7.5);
    clock.advance(java.time.Duration.ofHours(1));
    assertThat(budgets.today("acme").remainingEpsilon()).isEqualTo(10);
  }
}
