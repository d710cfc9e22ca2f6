package org.custody.analytics.testing;

import java.util.EnumMap;
import java.util.Map;
import org.custody.analytics.metrics.AnalyticsMetrics;

/** Metrics that count, for unit tests. */
public final class CountingMetrics implements AnalyticsMetrics {
  public long viewsIngested;
  public final Map<QueryKind, Long> suppressed = new EnumMap<>(QueryKind.class);
  public double epsilonSpent;
  public long exhausted;
  public final Map<RedactionKind, Long> redactions = new EnumMap<>(RedactionKind.class);

  @Override
  public synchronized void pageViewsIngested(long views) {
    viewsIngested += views;
  }

  @Override
  public synchronized void rowsSuppressed(QueryKind query, long rows) {
    suppressed.merge(query, rows, Long::sum);
  }

  @Override
  public synchronized void privacyBudgetSpent(double epsilon) {
    epsilonSpent += epsilon;
  }

  @Override
  public synchronized void privacyBudgetExhausted() {
    exhausted++;
  }

  @Override
  public synchronized void redacted(RedactionKind kind, long count) {
    redactions.merge(kind, count, Long::sum);
  }
}
