package org.custody.analytics.store;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;

/**
 * Runs a jOOQ-built query as a server-side prepared statement, so that its rows come in the
 * binary protocol: for tens of thousands of rows, decoding numbers and dates from text was a
 * large part of a query's time. The driver caches the prepared statement per connection.
 */
final class ServerPreparedReads {
  private ServerPreparedReads() {}

  /** Reads the rows of a result set. */
  @FunctionalInterface
  interface RowsReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  static <T> T read(DSLContext dsl, ResultQuery<?> query, RowsReader<T> reader) {
    String sql = dsl.render(query);
    List<Object> values = dsl.extractBindValues(query);
    return dsl.connectionResult(connection -> {
      try (PreparedStatement statement = connection.unwrap(JdbcConnection.class).serverPrepareStatement(sql)) {
        for (int i = 0; i < values.size(); i++) {
          statement.setObject(i + 1, values.get(i));
        }
        try (ResultSet rs = statement.executeQuery()) {
          return reader.read(rs);
        }
      }
    });
  }
}
