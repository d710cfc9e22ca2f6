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

  /**
   * Every row of the query's range and prefix (its order, offset and limit aside), in no
   * particular order: for noisy answers, which order rows by their noisy values and so must
   * read them all. Readers that can skip the sort override this.
   */
  default List<AggregateRow> scan(CellQuery query) {
    return read(new CellQuery(query.dimension(), query.projectId(), query.range(), query.keyPrefix(), query.granularity(),
        RowOrder.KEY_ASC, query.visibleFrom(), 0, Integer.MAX_VALUE));
  }
}
