package org.custody.disclosure.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.custody.platform.db.WriteConflict;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * The statements the ledger writer's group commit holds back: inserts whose results nobody reads
 * go to the server together (one round trip) before the next immediate statement or the commit,
 * in the order they were queued. Rows queued for the same {@link RowShape} join one multi-row
 * INSERT while only other rows were queued after them (inserts into different tables commute), so
 * a group commit of many decisions sends one INSERT per table. One per writer transaction, used by
 * that thread only ({@link StoreContext} binds it).
 */
final class StatementQueue {
  private final DSLContext dsl;
  private final boolean multiStatements;
  private final List<DeferredStatement> deferred = new ArrayList<>();

  /**
   * @param dsl the writer transaction's context
   * @param multiStatements the connection accepts several statements in one string
   *     (allowMultiQueries): queued statements are then sent as one plain string, without the
   *     driver's batch machinery (which asks for generated keys and rescans the whole text)
   */
  StatementQueue(DSLContext dsl, boolean multiStatements) {
    this.dsl = dsl;
    this.multiStatements = multiStatements;
  }

  /** Queues {@code query} (built with any DSL; it runs in this transaction); returns its position in the next flush. */
  int add(Query query) {
    query.attach(dsl.configuration());
    return add(new DeferredStatement.Jooq(query));
  }

  int add(DeferredStatement statement) {
    deferred.add(statement);
    return deferred.size() - 1;
  }

  /** Queues one row of {@code shape}, joining the rows of that shape already queued where order allows. */
  void addRow(RowShape shape, Object[] row) {
    for (int i = deferred.size() - 1; i >= 0 && deferred.get(i) instanceof DeferredStatement.Rows rows; i--) {
      if (rows.shape.equals(shape) && !rows.full()) {
        rows.add(row);
        return;
      }
    }
    DeferredStatement.Rows rows = new DeferredStatement.Rows(shape);
    rows.add(row);
    deferred.add(rows);
  }

  /**
   * Sends the queued statements; returns each one's update count, in queue order. A unique key
   * they violate (two writes of one thing racing) becomes a {@link WriteConflict}: the whole
   * transaction is rolled back and the caller may look up what the other write stored.
   */
  int[] flush() {
    if (deferred.isEmpty()) {
      return new int[0];
    }
    try {
      if (deferred.stream().allMatch(DeferredStatement.Jooq.class::isInstance) && !multiStatements) {
        return deferred.size() == 1 ? new int[] {((DeferredStatement.Jooq) deferred.get(0)).query().execute()}
            : dsl.batch(deferred.stream().map(s -> ((DeferredStatement.Jooq) s).query()).toList()).execute();
      }
      return multiStatements ? executeAsOneString() : executeOneByOne(dsl, deferred);
    } catch (DataAccessException e) {
      throw conflictOr(e);
    } finally {
      deferred.clear();
    }
  }

  /** A unique-key violation as a {@link WriteConflict}; anything else unchanged. */
  static RuntimeException conflictOr(DataAccessException e) {
    if (WriteConflict.isUniqueKeyViolation(e)) {
      return new WriteConflict("a concurrent request wrote the same record; retry");
    }
    return e;
  }

  /** One round trip: every statement in one string. */
  private int[] executeAsOneString() {
    StringBuilder sql = new StringBuilder(deferred.size() * 1024);
    for (DeferredStatement statement : deferred) {
      statement.appendSql(sql, dsl);
      sql.append(";\n");
    }
    int[] counts = new int[deferred.size()];
    dsl.connection(connection -> {
      try (Statement statement = connection.createStatement()) {
        // jOOQ's inliner writes no JDBC escape syntax; scanning kilobytes of hex for it is wasted.
        statement.setEscapeProcessing(false);
        boolean isResultSet = statement.execute(sql.toString());
        for (int i = 0; i < counts.length; i++) {
          counts[i] = isResultSet ? 0 : statement.getUpdateCount();
          isResultSet = statement.getMoreResults();
        }
      } catch (SQLException e) {
        throw new DataAccessException("deferred statements failed", e);
      }
    });
    return counts;
  }

  /** A round trip per statement (connections without multi-statement strings, and statements run at once). */
  static int[] executeOneByOne(DSLContext dsl, List<DeferredStatement> statements) {
    int[] counts = new int[statements.size()];
    dsl.connection(connection -> {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = execute(dsl, connection, statements.get(i));
      }
    });
    return counts;
  }

  private static int execute(DSLContext dsl, Connection connection, DeferredStatement deferredStatement) {
    if (deferredStatement instanceof DeferredStatement.Jooq jooq) {
      jooq.query().attach(dsl.configuration());
      return jooq.query().execute();
    }
    StringBuilder sql = new StringBuilder(1024);
    deferredStatement.appendSql(sql, dsl);
    try (Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      return statement.executeUpdate(sql.toString());
    } catch (SQLException e) {
      throw new DataAccessException("deferred statement failed", e);
    }
  }
}
