package org.custody.platform.db;

import java.time.Duration;
import java.util.Objects;

/**
 * How a service reaches its own database.
 *
 * @param jdbcUrl e.g. {@code jdbc:mysql://db.internal:3306/custody_identity}
 * @param connectionTimeout how long a request waits for a connection before failing UNAVAILABLE
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, Duration connectionTimeout) {
  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be positive");
    }
  }

  /** The same server and credentials, another database (used by provisioning and tests). */
  public DatabaseSettings withDatabase(String database) {
    return new DatabaseSettings(JdbcUrls.withDatabase(jdbcUrl, database), user, password, poolSize, connectionTimeout);
  }

  public DatabaseSettings withCredentials(String newUser, String newPassword) {
    return new DatabaseSettings(jdbcUrl, newUser, newPassword, poolSize, connectionTimeout);
  }

  public DatabaseSettings withPoolSize(int size) {
    return new DatabaseSettings(jdbcUrl, user, password, size, connectionTimeout);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + JdbcUrls.withoutParameters(jdbcUrl) + ", user=" + user + ", poolSize=" + poolSize + "]";
  }
}
