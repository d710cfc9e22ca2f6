package org.custody.disclosure.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Function;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.ledger.LedgerTransactions;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * LedgerTransactions on one connection kept for a single writer (the ledger's group-commit thread):
 * left in manual-commit mode, with multi-statement batches enabled, so a batch costs two round
 * trips (the statements, the commit) instead of the pool's six (autocommit off, multi-statements
 * on, the statements, off, commit, autocommit on). Not thread-safe: one caller thread only. A
 * broken connection is replaced on the next transaction.
 */
final class DedicatedTransactions implements LedgerTransactions, AutoCloseable {
  private final String url;
  private final DatabaseSettings settings;
  private final SQLDialect dialect;
  private Connection connection;
  private DSLContext dsl;

  DedicatedTransactions(DatabaseSettings settings, SQLDialect dialect) {
    this.settings = settings;
    this.dialect = dialect;
    String base = JdbcUrls.withDefaults(settings.jdbcUrl());
    this.url = base + (base.contains("?") ? "&" : "?") + "allowMultiQueries=true";
  }

  @Override
  public <T> T inTransaction(Function<Transaction, T> work) {
    DSLContext open = open();
    JooqTransaction tx = new JooqTransaction(open, true);
    try {
      T result = work.apply(tx);
      tx.flush();
      connection.commit();
      return result;
    } catch (RuntimeException | SQLException e) {
      rollbackQuietly();
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new org.jooq.exception.DataAccessException("commit failed", (SQLException) e);
    }
  }

  private DSLContext open() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = DriverManager.getConnection(url, settings.user(), settings.password());
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        dsl = DSL.using(connection, dialect);
      }
      return dsl;
    } catch (SQLException e) {
      connection = null;
      throw new org.jooq.exception.DataAccessException("cannot open the ledger writer's connection", e);
    }
  }

  private void rollbackQuietly() {
    try {
      if (connection != null) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // The connection is gone: open a new one next time.
      closeQuietly();
    }
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // nothing more to do
    } finally {
      connection = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
