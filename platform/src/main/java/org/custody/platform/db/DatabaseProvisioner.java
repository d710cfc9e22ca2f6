package org.custody.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates a service's database and its own DB user, granted only that database, using an
 * administrative connection. Idempotent: re-running resets the user's password to the given one.
 */
public final class DatabaseProvisioner {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9_\\-]{16,128}");

  private DatabaseProvisioner() {}

  /**
   * @param admin a connection that may create databases and users (its database part is ignored)
   * @return settings for the service: the new database, as the new user
   */
  public static DatabaseSettings provision(DatabaseSettings admin, String database, String user, String password) {
    if (!IDENTIFIER.matcher(database).matches() || !IDENTIFIER.matcher(user).matches()) {
      throw new IllegalArgumentException("database and user names must be lowercase identifiers");
    }
    if (!SAFE_PASSWORD.matcher(password).matches()) {
      throw new IllegalArgumentException("generated passwords must be 16+ URL-safe characters");
    }
    DatabaseSettings server = admin.withDatabase("");
    try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(server.jdbcUrl()), server.user(), server.password());
         Statement sql = connection.createStatement()) {
      sql.execute(createDatabase(database));
      for (String host : new String[] {"%", "localhost"}) {
        String account = "'" + user + "'@'" + host + "'";
        sql.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'");
        sql.execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
        sql.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + account);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot provision database " + database + " (SQL state " + e.getSQLState() + ")", e);
    }
    return admin.withDatabase(database).withCredentials(user, password);
  }

  /** Creates an empty database (no user); tests use it for a fresh schema per class. */
  public static void createDatabase(DatabaseSettings admin, String database) {
    if (!IDENTIFIER.matcher(database).matches()) {
      throw new IllegalArgumentException("not a database identifier");
    }
    DatabaseSettings server = admin.withDatabase("");
    try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(server.jdbcUrl()), server.user(), server.password());
         Statement sql = connection.createStatement()) {
      sql.execute(createDatabase(database));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + " (SQL state " + e.getSQLState() + ")", e);
    }
  }

  private static String createDatabase(String database) {
    // utf8mb4_bin: exact comparisons (paths and normalised e-mails are compared byte for byte).
    return "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
  }

  /** Drops a database (tests clean up after themselves). */
  public static void drop(DatabaseSettings admin, String database) {
    if (!IDENTIFIER.matcher(database).matches()) {
      throw new IllegalArgumentException("not a database identifier");
    }
    DatabaseSettings server = admin.withDatabase("");
    try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(server.jdbcUrl()), server.user(), server.password());
         Statement sql = connection.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS `" + database + "`");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + database, e);
    }
  }
}
