package org.custody.platform.testkit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;

/**
 * Every stored cell of every table of a database, for tests that look for what must not be
 * stored (plaintext personal data, canaries, card numbers) whatever the column type: text cells as
 * their UTF-8 bytes, binary cells as stored, any other cell as the server's text for its value.
 */
public final class DatabaseCells {
  private DatabaseCells() {}

  /** One non-null cell. */
  public record Cell(String table, String column, boolean text, byte[] bytes) {
    /** {@code table.column}. */
    public String where() {
      return table + "." + column;
    }

    /** Whether the cell holds the UTF-8 bytes of {@code needle} (in binary cells too: plaintext hidden in a blob shows). */
    public boolean contains(String needle) {
      return indexOf(bytes, needle.getBytes(StandardCharsets.UTF_8)) >= 0;
    }

    /** Whether the cell holds any of {@code needles}. */
    public boolean containsAny(List<String> needles) {
      return needles.stream().anyMatch(this::contains);
    }

    /** The cell read as UTF-8 text. */
    public String asText() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** {@code table.column} of every cell holding any of {@code needles}, once per cell found. */
  public static List<String> containing(Connection db, String... needles) throws SQLException {
    List<String> list = Arrays.asList(needles);
    return matching(db, cell -> cell.containsAny(list));
  }

  /** As {@link #containing(Connection, String...)}, on a connection of its own to {@code database}. */
  public static List<String> containing(DatabaseSettings database, String... needles) {
    try (Connection db = DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password())) {
      return containing(db, needles);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's cells", e);
    }
  }

  /** {@code table.column} of every cell {@code test} accepts, once per cell found. */
  public static List<String> matching(Connection db, Predicate<Cell> test) throws SQLException {
    List<String> hits = new ArrayList<>();
    for (String table : tables(db)) {
      try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM `" + table + "`")) {
        ResultSetMetaData meta = r.getMetaData();
        while (r.next()) {
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            Cell cell = cell(r, table, meta, c);
            if (cell != null && test.test(cell)) {
              hits.add(cell.where());
            }
          }
        }
      }
    }
    return hits;
  }

  private static List<String> tables(Connection db) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SHOW TABLES")) {
      while (r.next()) {
        tables.add(r.getString(1));
      }
    }
    return tables;
  }

  private static Cell cell(ResultSet r, String table, ResultSetMetaData meta, int c) throws SQLException {
    int type = meta.getColumnType(c);
    boolean binary = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
    if (binary) {
      byte[] bytes = r.getBytes(c);
      return bytes == null ? null : new Cell(table, meta.getColumnName(c), false, bytes);
    }
    String value = r.getString(c);
    boolean text = type == Types.CHAR || type == Types.VARCHAR || type == Types.LONGVARCHAR || type == Types.CLOB
        || type == Types.NCHAR || type == Types.NVARCHAR || type == Types.LONGNVARCHAR;
    return value == null ? null : new Cell(table, meta.getColumnName(c), text, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Where {@code needle} starts in {@code haystack}, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
