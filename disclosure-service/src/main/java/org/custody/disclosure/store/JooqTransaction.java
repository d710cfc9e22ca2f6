package org.custody.disclosure.store;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.custody.disclosure.ledger.Transaction;
import org.custody.platform.db.WriteConflict;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;

/**
 * A jOOQ transaction handed through the domain. Stores may defer inserts whose results they do
 * not need; deferred statements go to the server together (one round trip) before the next
 * immediate statement or the commit, in the order they were deferred. Rows deferred for the same
 * {@link RowShape} join one multi-row INSERT while only other rows were deferred after them
 * (inserts into different tables commute), so a group commit of many decisions sends one INSERT
 * per table.
 */
final class JooqTransaction implements Transaction {
  private final DSLContext dsl;
  private final boolean multiStatements;
  private final List<DeferredStatement> deferred = new ArrayList<>();

  /**
   * @param multiStatements the connection accepts several statements in one string
   *     (allowMultiQueries): deferred statements are then sent as one plain string, without the
   *     driver's batch machinery (which asks for generated keys and rescans the whole text)
   */
  JooqTransaction(DSLContext dsl, boolean multiStatements) {
    this.dsl = dsl;
    this.multiStatements = multiStatements;
  }

  /** The outbox's statements join the deferred ones: sent with the next flush, in order. */
  @Override
  public void execute(Query statement) {
    defer(this, statement);
  }

  /** The transaction's DSL, after sending whatever was deferred. */
  static DSLContext dsl(Transaction tx) {
    JooqTransaction jooq = (JooqTransaction) tx;
    jooq.flush();
    return jooq.dsl;
  }

  /** Queues {@code query} (built with any DSL; it runs in this transaction); returns its position in the next flush. */
  static int defer(Transaction tx, Query query) {
    JooqTransaction jooq = (JooqTransaction) tx;
    query.attach(jooq.dsl.configuration());
    return jooq.add(new DeferredStatement.Jooq(query));
  }

  /**
   * Queues hand-written SQL, each {@code ?} of {@code template} (a constant without quotes) replaced
   * by the next value as a {@link SqlLiterals literal}; returns its position in the next flush.
   */
  static int defer(Transaction tx, String template, Object... values) {
    return ((JooqTransaction) tx).add(new DeferredStatement.Sql(SqlLiterals.fill(template, values)));
  }

  /** Queues one row of {@code shape}, joining the rows of that shape already queued where order allows. */
  static void deferRow(Transaction tx, RowShape shape, Object... row) {
    ((JooqTransaction) tx).addRow(shape, row);
  }

  /** Sends what is queued now; returns each statement's update count, in queue order. */
  static int[] flush(Transaction tx) {
    return ((JooqTransaction) tx).flush();
  }

  private int add(DeferredStatement statement) {
    deferred.add(statement);
    return deferred.size() - 1;
  }

  private void addRow(RowShape shape, Object[] row) {
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
   * Sends the deferred statements. A unique key they violate (two writes of one thing racing)
   * becomes a {@link WriteConflict}: the whole transaction is rolled back and the caller may
   * look up what the other write stored (ABORTED / WRITE_CONFLICT to the client if nobody does).
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
      return multiStatements ? executeAsOneString() : executeOneByOne();
    } catch (DataAccessException e) {
      if (e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) {
        throw new WriteConflict("a concurrent request wrote the same record; retry");
      }
      throw e;
    } finally {
      deferred.clear();
    }
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
        // Neither jOOQ nor SqlLiterals writes JDBC escape syntax; scanning kilobytes of hex for it is wasted.
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

  /** A round trip per statement (connections without multi-statement strings). */
  private int[] executeOneByOne() {
    int[] counts = new int[deferred.size()];
    dsl.connection(connection -> {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = execute(connection, deferred.get(i));
      }
    });
    return counts;
  }

  private int execute(Connection connection, DeferredStatement deferredStatement) {
    if (deferredStatement instanceof DeferredStatement.Jooq jooq) {
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
