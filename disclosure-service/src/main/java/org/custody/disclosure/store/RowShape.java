package org.custody.disclosure.store;

import java.util.List;
import org.jooq.Field;
import org.jooq.Table;

/**
 * A table's multi-row INSERT: the columns each row gives values for, in order, and how many rows
 * one statement may carry (so large bulk appends stay well under max_allowed_packet). Rows of one
 * shape queued in the ledger writer's transaction go to the server as one INSERT, rendered by
 * jOOQ's inliner (measured against hand-written literals: within the benchmark's noise, see
 * docs/disclosure.md, so the code keeps to jOOQ).
 */
record RowShape(Table<?> table, List<Field<?>> columns, int maxRows) {
  RowShape {
    columns = List.copyOf(columns);
    if (columns.isEmpty() || maxRows < 1) {
      throw new IllegalArgumentException("a row shape has columns and room for a row");
    }
  }

  static RowShape of(Table<?> table, int maxRows, Field<?>... columns) {
    return new RowShape(table, List.of(columns), maxRows);
  }
}
