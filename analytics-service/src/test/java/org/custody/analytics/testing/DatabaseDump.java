package org.custody.analytics.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;

/** Every value of every table of a database, as text, for "this is stored nowhere" assertions. */
public final class DatabaseDump {
  private DatabaseDump() {}

  public static String of(DatabaseSettings database) {
    StringBuilder dump = new StringBuilder();
    try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("SHOW TABLES")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        dump.append("== ").append(table).append('\n');
        try (ResultSet rs = statement.executeQuery("SELECT * FROM `" + table + "`")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int c = 1; c <= columns; c++) {
              byte[] bytes = rs.getBytes(c);
              // As UTF-8 text and as raw bytes (ISO-8859-1 keeps every byte), so text hidden in blobs shows too.
              dump.append(bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8)).append(" | ")
                  .append(bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1)).append(" || ");
            }
            dump.append('\n');
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot dump the database", e);
    }
    return dump.toString();
  }
}
