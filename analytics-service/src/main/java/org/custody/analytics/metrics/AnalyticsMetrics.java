package org.custody.analytics.metrics;

/**
 * The domain's metrics port. Implementations must keep labels bounded: never a project, path,
 * host, IP address, user agent or subject in a label.
 */
public interface AnalyticsMetrics {
  /** Which kind of query suppressed rows. */
  enum QueryKind {
    PAGES("pages"),
    REFERRERS("referrers"),
    SURVEY("survey");

    private final String label;

    QueryKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Metrics that go nowhere (unit tests). */
  AnalyticsMetrics NONE = new AnalyticsMetrics() {
    @Override
    public void pageViewsIngested(long views) {}

    @Override
    public void rowsSuppressed(QueryKind query, long rows) {}

    @Override
    public void privacyBudgetSpent(double epsilon) {}

    @Override
    public void privacyBudgetExhausted() {}
  };

  void pageViewsIngested(long views);

  void rowsSuppressed(QueryKind query, long rows);

  void privacyBudgetSpent(double epsilon);

  /** A noisy query was refused because the budget could not cover it. */
  void privacyBudgetExhausted();
}
