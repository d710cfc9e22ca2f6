package org.custody.analytics.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.custody.analytics.metrics.AnalyticsMetrics;
import org.custody.platform.errors.DomainException;

/**
 * The rules of the per-project daily privacy budget: every noisy answer spends its epsilon
 * before it is computed (sequential composition: the epsilons of a day's answers add up), and
 * an answer the remaining budget cannot cover is refused until the next UTC day.
 */
public final class PrivacyBudgets {
  /** The reason clients see when the day's budget cannot cover a query. */
  public static final String EXHAUSTED = "PRIVACY_BUDGET_EXHAUSTED";
  private static final double MICROS = 1_000_000d;

  private final BudgetStore store;
  private final Clock clock;
  private final double dailyEpsilon;
  private final AnalyticsMetrics metrics;

  public PrivacyBudgets(BudgetStore store, Clock clock, double dailyEpsilon, AnalyticsMetrics metrics) {
    if (!(dailyEpsilon > 0)) {
      throw new IllegalArgumentException("the daily epsilon must be positive");
    }
    this.store = store;
    this.clock = clock;
    this.dailyEpsilon = dailyEpsilon;
    this.metrics = metrics;
  }

  public PrivacyBudgets(BudgetStore store, Clock clock, double dailyEpsilon) {
    this(store, clock, dailyEpsilon, AnalyticsMetrics.NONE);
  }

  /** Today's (UTC) budget of the project. */
  public PrivacyBudget today(String projectId) {
    LocalDate today = today();
    return new PrivacyBudget(projectId, today, dailyEpsilon, store.spentMicros(projectId, today) / MICROS);
  }

  /**
   * Spends {@code epsilon} from today's budget, or refuses with RESOURCE_EXHAUSTED
   * ({@value #EXHAUSTED}) and a retry hint at the next UTC midnight.
   *
   * @return the budget after spending
   */
  public PrivacyBudget spend(String projectId, double epsilon) {
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be positive");
    }
    LocalDate today = today();
    long micros = Math.round(epsilon * MICROS);
    if (!store.trySpend(projectId, today, micros, Math.round(dailyEpsilon * MICROS))) {
      metrics.privacyBudgetExhausted();
      Duration untilMidnight = Duration.between(clock.instant(), today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      throw DomainException.exhausted(EXHAUSTED,
          "the project's privacy budget for today cannot cover this query's epsilon; it renews at 00:00 UTC",
          untilMidnight);
    }
    metrics.privacyBudgetSpent(epsilon);
    return today(projectId);
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
