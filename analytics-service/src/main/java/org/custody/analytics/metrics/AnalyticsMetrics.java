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

  /** Where a card number was found and replaced (or dropped) instead of refusing the batch. */
  enum RedactionKind {
    PATH_SEGMENT("path_segment"),
    QUERY("query"),
    REFERRER("referrer");

    private final String label;

    RedactionKind(String label) {
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

    @Override
    public void redacted(RedactionKind kind, long count) {}
  };

  void pageViewsIngested(long views);

  void rowsSuppressed(QueryKind query, long rows);

  void privacyBudgetSpent(double epsilon);

  /** A noisy query was refused because the budget could not cover it. */
  void privacyBudgetExhausted();

  /** Card numbers replaced by a placeholder, or dropped with a query, in recorded page views (P3). */
  void redacted(RedactionKind kind, long count);
}
