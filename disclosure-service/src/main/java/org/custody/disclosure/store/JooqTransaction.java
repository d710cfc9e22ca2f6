package org.custody.disclosure.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.custody.disclosure.ledger.Transaction;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;

/**
 * A jOOQ transaction handed through the domain. Stores may defer inserts whose results they do
 * not need; deferred statements go to the server together (one round trip) before the next
 * immediate statement or the commit, in the order they were deferred.
 */
final class JooqTransaction implements Transaction {
  private final DSLContext dsl;
  private final boolean multiStatements;
  private final List<Query> deferred = new ArrayList<>();

  /**
   * @param multiStatements the connection accepts several statements in one string
   *     (allowMultiQueries): deferred statements are then sent as one plain string, without the
   *     driver's batch machinery (which asks for generated keys and rescans the whole text)
   */
  JooqTransaction(DSLContext dsl, boolean multiStatements) {
    this.dsl = dsl;
    this.multiStatements = multiStatements;
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
    jooq.deferred.add(query);
    return jooq.deferred.size() - 1;
  }

  /** Sends what is queued now; returns each statement's update count, in queue order. */
  static int[] flush(Transaction tx) {
    return ((JooqTransaction) tx).flush();
  }

  /**
   * Sends the deferred statements. A unique key they violate (two writes of one thing racing)
   * becomes ABORTED / WRITE_CONFLICT: the whole transaction is rolled back and the caller may
   * look up what the other write stored.
   */
  int[] flush() {
    if (deferred.isEmpty()) {
      return new int[0];
    }
    try {
      if (deferred.size() == 1) {
        return new int[] {deferred.get(0).execute()};
      }
      return multiStatements ? executeAsOneString() : dsl.batch(deferred).execute();
    } catch (DataAccessException e) {
      if (e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) {
        throw DomainException.of(ErrorKind.ABORTED, "WRITE_CONFLICT", "a concurrent request wrote the same record; retry");
      }
      throw e;
    } finally {
      deferred.clear();
    }
  }

  private int[] executeAsOneString() {
    StringBuilder sql = new StringBuilder(deferred.size() * 512);
    for (Query query : deferred) {
      sql.append(dsl.renderInlined(query)).append(";\n");
    }
    int[] counts = new int[deferred.size()];
    dsl.connection(connection -> {
      try (Statement statement = connection.createStatement()) {
        // jOOQ never writes JDBC escape syntax; scanning kilobytes of hex for it is wasted.
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
}
