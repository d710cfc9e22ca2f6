package org.custody.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Asks the database "are you there?" on one connection of its own, opened with connect and
 * socket timeouts equal to the question's timeout, so a database that is gone (refused) or
 * silent (paused, partitioned) is told within that timeout. A failed connection is dropped and
 * the next question opens a new one. Used by one thread (the health probe) at a time.
 */
final class DatabaseProbe implements AutoCloseable {
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private Connection connection;
  private volatile boolean lastAnswered = true;

  DatabaseProbe(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  boolean lastAnswered() {
    return lastAnswered;
  }

  synchronized boolean answers(Duration timeout) {
    int millis = (int) Math.max(100, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try {
      if (connection == null) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        // Not the pool's 5 s connect and 60 s socket timeouts: the question's own.
        String url = JdbcUrls.withParameters(jdbcUrl,
            java.util.Map.of("connectTimeout", String.valueOf(millis), "socketTimeout", String.valueOf(millis)));
        connection = DriverManager.getConnection(url, properties);
      }
      connection.setNetworkTimeout(Runnable::run, millis);
      try (Statement statement = connection.createStatement()) {
        statement.execute("/* health probe */ SELECT 1");
      }
      lastAnswered = true;
    } catch (SQLException | RuntimeException e) {
      drop();
      lastAnswered = false;
    }
    return lastAnswered;
  }

  private void drop() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken: closing is best effort
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    drop();
  }
}
