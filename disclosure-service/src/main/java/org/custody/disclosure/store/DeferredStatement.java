package org.custody.disclosure.store;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;

/** A statement queued in a {@link StatementQueue} until its next flush, written out with its values inline. */
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

  /** Hand-written SQL, its values already written as {@link SqlLiterals}. */
  record Sql(String sql) implements DeferredStatement {
    @Override
    public void appendSql(StringBuilder out, DSLContext dsl) {
      out.append(sql);
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
      if (row.length != shape.columns()) {
        throw new IllegalArgumentException("a row of " + shape.columns() + " values expected, got " + row.length);
      }
      rows.add(row);
    }

    @Override
    public void appendSql(StringBuilder sql, DSLContext dsl) {
      sql.append(shape.head());
      for (int r = 0; r < rows.size(); r++) {
        sql.append(r == 0 ? "(" : ",(");
        Object[] row = rows.get(r);
        for (int c = 0; c < row.length; c++) {
          if (c > 0) {
            sql.append(',');
          }
          SqlLiterals.append(sql, row[c]);
        }
        sql.append(')');
      }
    }
  }
}
