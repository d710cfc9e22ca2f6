package org.custody.billing.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks through every row of every table of a database for byte sequences (plaintext that must
 * not be stored), whatever the column type.
 */
public final class DatabaseScan {
  private DatabaseScan() {}

  /** {@code table.column} of every cell containing any of the needles (UTF-8). */
  public static List<String> cellsContaining(Connection connection, String... needles) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SHOW TABLES")) {
      while (r.next()) {
        tables.add(r.getString(1));
      }
    }
    List<String> hits = new ArrayList<>();
    for (String table : tables) {
      try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM `" + table + "`")) {
        ResultSetMetaData meta = r.getMetaData();
        while (r.next()) {
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            byte[] cell = r.getBytes(c);
            if (cell == null) {
              continue;
            }
            String latin1 = new String(cell, StandardCharsets.ISO_8859_1);
            for (String needle : needles) {
              if (latin1.contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                hits.add(table + "." + meta.getColumnName(c));
              }
            }
          }
        }
      }
    }
    return hits;
  }

  /** How many rows a table has. */
  public static long count(Connection connection, String table) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
      r.next();
      return r.getLong(1);
    }
  }
}
