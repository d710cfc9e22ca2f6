package org.custody.analytics.stats;

import java.util.List;

/** Reads the day aggregates. */
public interface AggregateReader {
  /**
   * The rows of a query. DAY gives one row per cell in range; TOTAL one row per key, summing
   * views and merging sketches of its <em>visible</em> cells only. Rows that are not visible
   * come after all visible ones, ordered by key then day; visible rows follow the query's
   * order, ties by key then day. Returns rows {@code [offset, offset + limit)} of that order.
   */
  List<AggregateRow> read(CellQuery query);
}
