package org.custody.analytics.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** The metrics port on Micrometer; every label value comes from a closed set. */
public final class MicrometerAnalyticsMetrics implements AnalyticsMetrics {
  private final Counter viewsIngested;
  private final Map<QueryKind, Counter> suppressed = new EnumMap<>(QueryKind.class);
  private final Counter epsilonSpent;
  private final Counter budgetExhausted;
  private final Map<RedactionKind, Counter> redactions = new EnumMap<>(RedactionKind.class);

  public MicrometerAnalyticsMetrics(MeterRegistry registry) {
    viewsIngested = Counter.builder("custody_analytics_page_views_ingested")
        .description("Page views durably recorded (reduced to aggregates on arrival)")
        .register(registry);
    for (QueryKind kind : QueryKind.values()) {
      suppressed.put(kind, Counter.builder("custody_analytics_suppressed_rows")
          .description("Result rows or counts returned as suppressed because they were below the k-threshold (or hidden as a complement)")
          .tag("query", kind.label())
          .register(registry));
    }
    epsilonSpent = Counter.builder("custody_analytics_privacy_budget_spent_epsilon")
        .description("Differential-privacy epsilon spent by noisy queries, over all projects")
        .register(registry);
    budgetExhausted = Counter.builder("custody_analytics_privacy_budget_exhausted")
        .description("Noisy queries refused because the project's daily privacy budget could not cover them")
        .register(registry);
    for (RedactionKind kind : RedactionKind.values()) {
      redactions.put(kind, Counter.builder("custody_analytics_redactions")
          .description("Card numbers in recorded page views replaced by a placeholder (path segment, referrer host) or dropped (query)")
          .tag("kind", kind.label())
          .register(registry));
    }
  }

  @Override
  public void pageViewsIngested(long views) {
    viewsIngested.increment(views);
  }

  @Override
  public void rowsSuppressed(QueryKind query, long rows) {
    if (rows > 0) {
      suppressed.get(query).increment(rows);
    }
  }

  @Override
  public void privacyBudgetSpent(double epsilon) {
    epsilonSpent.increment(epsilon);
  }

  @Override
  public void privacyBudgetExhausted() {
    budgetExhausted.increment();
  }

  @Override
  public void redacted(RedactionKind kind, long count) {
    if (count > 0) {
      redactions.get(kind).increment(count);
    }
  }
}
