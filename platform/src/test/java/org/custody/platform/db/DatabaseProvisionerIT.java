package org.custody.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.custody.platform.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

/** One database and one user per service, each user granted only its own database. */
class DatabaseProvisionerIT {
  @Test
  void provision_grantsTheUserOnlyItsOwnDatabase() throws SQLException {
    DatabaseSettings admin = TestDatabases.admin();
    DatabaseSettings first = DatabaseProvisioner.provision(admin, "t_prov_first", "t_prov_first", "first-password-0123456789");
    DatabaseSettings second = DatabaseProvisioner.provision(admin, "t_prov_second", "t_prov_second", "second-password-0123456789");
    try {
      try (Connection c = DriverManager.getConnection(JdbcUrls.withDefaults(second.jdbcUrl()), second.user(), second.password())) {
        c.createStatement().execute("CREATE TABLE theirs (id INT PRIMARY KEY)");
      }
      try (Connection c = DriverManager.getConnection(JdbcUrls.withDefaults(first.jdbcUrl()), first.user(), first.password())) {
        c.createStatement().execute("CREATE TABLE mine (id INT PRIMARY KEY)");
        assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT * FROM t_prov_second.theirs"))
            .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        assertThatThrownBy(() -> c.createStatement().execute("CREATE TABLE t_prov_second.intruder (id INT)"))
            .isInstanceOf(SQLException.class);
      }
      assertThatThrownBy(() -> DriverManager.getConnection(
          JdbcUrls.withDefaults(second.jdbcUrl().replace("t_prov_second", "t_prov_first")), second.user(), second.password()))
          .isInstanceOf(SQLException.class);
      // Re-provisioning is idempotent and keeps the data.
      DatabaseSettings again = DatabaseProvisioner.provision(admin, "t_prov_first", "t_prov_first", "first-password-0123456789");
      try (Connection c = DriverManager.getConnection(JdbcUrls.withDefaults(again.jdbcUrl()), again.user(), again.password())) {
        assertThat(c.createStatement().executeQuery("SELECT COUNT(*) FROM mine").next()).isTrue();
      }
    } finally {
      DatabaseProvisioner.drop(admin, "t_prov_first");
      DatabaseProvisioner.drop(admin, "t_prov_second");
    }
  }
}
