package org.custody.disclosure.store;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;

/** A statement queued in a {@link StatementQueue} until its next flush, written out by jOOQ with its values inline. */
sealed interface DeferredStatement {
  /** Appends this statement's SQL. */
  void appendSql(StringBuilder sql, DSLContext dsl);

  /** A jOOQ query, rendered by jOOQ's inliner. */
  record Jooq(Query query) implements DeferredStatement {
    @Override
    public void appendSql(StringBuilder sql, DSLContext dsl) {
      sql.append(dsl.renderInlined(query));
    }
  }

  /** Rows of one {@link RowShape}, sent as one multi-row INSERT. */
  final class Rows implements DeferredStatement {
    final RowShape shape;
    private final List<Object[]> rows = new ArrayList<>();

    Rows(RowShape shape) {
      this.shape = shape;
    }

    boolean full() {
      return rows.size() >= shape.maxRows();
    }

    void add(Object[] row) {
      if (row.length != shape.columns().size()) {
        throw new IllegalArgumentException("a row of " + shape.columns().size() + " values expected, got " + row.length);
      }
      rows.add(row);
    }

    @Override
    public void appendSql(StringBuilder sql, DSLContext dsl) {
      InsertValuesStepN<?> insert = dsl.insertInto(shape.table(), shape.columns());
      for (Object[] row : rows) {
        insert = insert.values(row);
      }
      sql.append(dsl.renderInlined(insert));
    }
  }
}
