package org.custody.disclosure.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.db.Transactions;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The ledger writer's transactions, and nobody else's: each is a group commit ({@link
 * StoreContext#inGroupCommit}) bound to the writer thread, so the stores its writes call join it
 * without being handed anything, and their held-back inserts go out in one round trip.
 *
 * <p>In the service it runs on one connection kept for the writer thread: left in manual-commit
 * mode, with multi-statement strings enabled, so a batch costs two round trips (the statements,
 * the commit) instead of the pool's six (autocommit off, the statements, off, commit, autocommit
 * on). Not thread-safe: one caller thread only. A broken connection is replaced on the next
 * transaction. Nothing is retried here: the writer redoes a batch that lost to another process or
 * to a deadlock itself. Tests may run it on the pool instead ({@link DisclosureStores#ledgerWriterTransactions()}).
 */
public final class LedgerWriterTransactions implements Transactions, AutoCloseable {
  private final StoreContext context;
  private final DatabaseSettings settings;
  private final SQLDialect dialect;
  private final String url;
  private Connection connection;
  private DSLContext dsl;

  /** On a dedicated connection to {@code settings}; without settings, on the pool's connections. */
  LedgerWriterTransactions(StoreContext context, DatabaseSettings settings, SQLDialect dialect) {
    this.context = context;
    this.settings = settings;
    this.dialect = dialect;
    if (settings == null) {
      this.url = null;
    } else {
      String base = JdbcUrls.withDefaults(settings.jdbcUrl());
      this.url = base + (base.contains("?") ? "&" : "?") + "allowMultiQueries=true";
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (settings == null) {
      return context.transactions().inTransaction(() -> context.inGroupCommit(context.transactions().dsl(), false, work));
    }
    DSLContext open = open();
    try {
      T result = context.transactions().joining(open, () -> context.inGroupCommit(open, true, work));
      connection.commit();
      return result;
    } catch (RuntimeException | SQLException e) {
      rollbackQuietly();
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new DataAccessException("commit failed", (SQLException) e);
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
      throw new DataAccessException("cannot open the ledger writer's connection", e);
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
