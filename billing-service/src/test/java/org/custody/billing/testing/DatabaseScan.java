package org.custody.billing.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Row counts of billing's tables, for tests that check what a call stored or removed (cells: the platform's DatabaseCells). */
public final class DatabaseScan {
  private DatabaseScan() {}

  /** How many rows a table has. */
  public static long count(Connection connection, String table) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
      r.next();
      return r.getLong(1);
    }
  }
}
