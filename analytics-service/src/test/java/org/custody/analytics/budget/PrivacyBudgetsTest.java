package org.custody.analytics.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import org.custody.analytics.testing.CountingMetrics;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class PrivacyBudgetsTest {
  @Test
  void today_usesTheUtcDay_andSubtractsWhatWasSpent() {
    MutableClock clock = MutableClock.at("2026-11-27T23:30:00Z");
    InMemoryBudgetStore store = new InMemoryBudgetStore();
    store.trySpend("acme", LocalDate.parse("2026-11-27"), 2_500_000, 10_000_000);
    PrivacyBudgets budgets = new PrivacyBudgets(store, clock, 10);
    PrivacyBudget budget = budgets.today("acme");
    assertThat(budget.date()).isEqualTo(LocalDate.parse("2026-11-27"));
    assertThat(budget.remainingEpsilon()).isEqualTo(7.5);
    clock.advance(Duration.ofHours(1));
    assertThat(budgets.today("acme").remainingEpsilon()).isEqualTo(10);
  }

  @Test
  void spend_sumsExactly_evenForDecimalEpsilons() {
    PrivacyBudgets budgets = new PrivacyBudgets(new InMemoryBudgetStore(), MutableClock.at("2026-01-01T10:00:00Z"), 1);
    for (int i = 0; i < 10; i++) {
      budgets.spend("acme", 0.1);
    }
    assertThat(budgets.today("acme").remainingEpsilon()).isZero();
  }

  @Test
  void spend_beyondTheDaysBudget_isExhausted_untilMidnightUtc() {
    MutableClock clock = MutableClock.at("2026-01-01T18:00:00Z");
    CountingMetrics metrics = new CountingMetrics();
    PrivacyBudgets budgets = new PrivacyBudgets(new InMemoryBudgetStore(), clock, 2, metrics);
    assertThat(budgets.spend("acme", 1.5).remainingEpsilon()).isEqualTo(0.5);
    assertThatThrownBy(() -> budgets.spend("acme", 1))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
          assertThat(e.reason()).isEqualTo("PRIVACY_BUDGET_EXHAUSTED");
          assertThat(e.retryAfter()).contains(Duration.ofHours(6));
        });
    assertThat(metrics.exhausted).isEqualTo(1);
    assertThat(metrics.epsilonSpent).isEqualTo(1.5);
    assertThat(budgets.today("acme").spentEpsilon()).isEqualTo(1.5);
    clock.advance(Duration.ofHours(6));
    assertThat(budgets.spend("acme", 2).remainingEpsilon()).isZero();
  }
}
