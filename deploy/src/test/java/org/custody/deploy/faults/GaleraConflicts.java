package org.custody.deploy.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;

/**
 * A certification conflict made on purpose: a transaction on node 0 changes a row while node 1
 * commits a change of the same row. First with plain JDBC, to show what the database answers
 * (error 1213 at commit, nothing of the loser applied); then inside the platform's
 * {@link ThreadBoundTransactions}, which must run the loser again and answer from the value the
 * other node wrote.
 */
final class GaleraConflicts {
  private static final String TABLE = "galera_conflicts.counter";

  /**
   * @param rawErrorCode what the plain transaction's commit failed with (0 if it did not)
   * @param attempts how many times the platform ran the read-modify-write
   * @param answer what the platform's transaction returned
   * @param expected the only correct answer: one more than everything committed before it
   * @param storedOnEveryNode the row's value as each node has it in the end
   */
  record Outcome(int rawErrorCode, String rawSqlState, int attempts, int answer, int expected, Set<Integer> storedOnEveryNode) {}

  private GaleraConflicts() {}

  static Outcome provoke(GaleraCluster cluster) throws Exception {
    execute(cluster, 0, "CREATE DATABASE IF NOT EXISTS galera_conflicts");
    execute(cluster, 0, "CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, counted INT NOT NULL)");
    execute(cluster, 0, "INSERT INTO " + TABLE + " VALUES (1, 0)");
    awaitValueOnEveryNode(cluster, 0);
    try {
      SQLException raw = rawConflict(cluster);
      awaitValueOnEveryNode(cluster, 10);
      AtomicInteger attempts = new AtomicInteger();
      int answer = platformReadModifyWrite(cluster, attempts);
      return new Outcome(raw == null ? 0 : raw.getErrorCode(), raw == null ? "" : raw.getSQLState(), attempts.get(), answer, 111,
          awaitValueOnEveryNode(cluster, 111));
    } finally {
      execute(cluster, 0, "DROP DATABASE galera_conflicts");
    }
  }

  /** Node 0 adds 1 in a transaction, node 1 adds 10 and commits first; returns what node 0's commit threw. */
  private static SQLException rawConflict(GaleraCluster cluster) throws SQLException {
    try (Connection node0 = connect(cluster, 0)) {
      node0.setAutoCommit(false);
      try (Statement s = node0.createStatement()) {
        s.executeUpdate("UPDATE " + TABLE + " SET counted = counted + 1 WHERE id = 1");
      }
      execute(cluster, 1, "UPDATE " + TABLE + " SET counted = counted + 10 WHERE id = 1");
      try {
        node0.commit();
        return null;
      } catch (SQLException conflict) {
        return conflict;
      }
    }
  }

  /** Read, add 1, write, on node 0 through ThreadBoundTransactions; node 1 adds 100 during the first attempt. */
  private static int platformReadModifyWrite(GaleraCluster cluster, AtomicInteger attempts) {
    DatabaseSettings node0 = cluster.admin(0);
    try (CloseableDSLContext dsl = DSL.using(node0.jdbcUrl(), node0.user(), node0.password())) {
      ThreadBoundTransactions transactions = new ThreadBoundTransactions(dsl);
      return transactions.inTransaction(() -> {
        int value = transactions.dsl().fetchOne("SELECT counted FROM " + TABLE + " WHERE id = 1 FOR UPDATE").get(0, Integer.class);
        transactions.dsl().execute("UPDATE " + TABLE + " SET counted = ? WHERE id = 1", value + 1);
        if (attempts.incrementAndGet() == 1) {
          try {
            execute(cluster, 1, "UPDATE " + TABLE + " SET counted = counted + 100 WHERE id = 1");
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }
        return value + 1;
      });
    }
  }

  /** Waits (up to 10 s) until every live node has {@code value}; returns the values the nodes have then. */
  private static Set<Integer> awaitValueOnEveryNode(GaleraCluster cluster, int value) throws Exception {
    Set<Integer> seen = new HashSet<>();
    for (int attempt = 0; attempt < 100; attempt++) {
      seen.clear();
      for (int node = 0; node < 3; node++) {
        seen.add(read(cluster, node));
      }
      if (seen.equals(Set.of(value))) {
        break;
      }
      Thread.sleep(100);
    }
    return seen;
  }

  private static int read(GaleraCluster cluster, int node) throws SQLException {
    try (Connection c = connect(cluster, node); Statement s = c.createStatement();
        var rows = s.executeQuery("SELECT counted FROM " + TABLE + " WHERE id = 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void execute(GaleraCluster cluster, int node, String sql) throws SQLException {
    try (Connection c = connect(cluster, node); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Connection connect(GaleraCluster cluster, int node) throws SQLException {
    DatabaseSettings settings = cluster.admin(node);
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }
}
