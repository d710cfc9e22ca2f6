package org.custody.analytics.stats;

/**
 * A statistics query as asked.
 *
 * @param keyPrefix only paths (hosts) starting with this; empty for all
 * @param epsilon 0 for exact, suppressed counts; otherwise the epsilon this call spends for
 *     noisy counts
 * @param pageSize rows per page, at least 1
 * @param offset rows of the ordered result already seen (from the page token)
 */
public record StatisticsRequest(String projectId, DateRange range, Granularity granularity, String keyPrefix,
    RowOrder order, double epsilon, int pageSize, int offset) {

  public boolean noisy() {
    return epsilon > 0;
  }
}
