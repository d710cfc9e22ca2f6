package org.custody.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.grpc.Context;
import io.grpc.Deadline;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * jOOQ's way to the pool: a call with a deadline waits for a connection no longer than the time
 * it has left (and never longer than the pool's own connection timeout). Without this a call on
 * a database that stopped answering waited the whole pool timeout (5 s) while the pool checked
 * dead connections one after the other, long after its caller had given up.
 */
final class DeadlineBoundPool implements ConnectionProvider {
  /** The least a call is given to get a connection: enough for a healthy pool on a busy machine. */
  private static final long LEAST_MILLIS = 50;

  private final HikariDataSource dataSource;

  DeadlineBoundPool(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection acquire() {
    try {
      Deadline deadline = Context.current().getDeadline();
      if (deadline == null || !(dataSource.getHikariPoolMXBean() instanceof HikariPool pool)) {
        return dataSource.getConnection();
      }
      long remaining = deadline.timeRemaining(TimeUnit.MILLISECONDS);
      return pool.getConnection(Math.max(LEAST_MILLIS, Math.min(remaining, dataSource.getConnectionTimeout())));
    } catch (SQLException e) {
      throw new DataAccessException("cannot get a database connection", e);
    }
  }

  @Override
  public void release(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new DataAccessException("cannot return a database connection", e);
    }
  }
}
