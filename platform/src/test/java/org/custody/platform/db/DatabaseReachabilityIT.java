package org.custody.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The health probe's question, {@link Database#isReachable}, after the server dropped the pool's
 * connection: asked faster than the pool's own liveness check would notice (it skips
 * connections used in the last 500 ms), it must still get past the dead connection.
 */
@ExtendWith(FreshDatabase.class)
class DatabaseReachabilityIT {
  @Test
  void connectionKilledByTheServer_isReplaced_evenWhenAskedEvery100ms(DatabaseSettings settings) throws Exception {
    try (Database database = Database.open(settings.withPoolSize(1), "platform-test", null)) {
      assertThat(database.isReachable(1)).isTrue();
      long killed = connectionId(database);
      DatabaseSettings admin = TestDatabases.admin();
      try (Connection connection = DriverManager.getConnection(JdbcUrls.withDefaults(admin.jdbcUrl()), admin.user(), admin.password());
          Statement statement = connection.createStatement()) {
        statement.execute("KILL CONNECTION " + killed);
      }

      boolean reachable = false;
      for (int attempt = 0; attempt < 100 && !reachable; attempt++) {
        reachable = database.isReachable(1);
        if (!reachable) {
          Thread.sleep(100);
        }
      }
      assertThat(reachable).as("reachable again within 100 probes").isTrue();
      assertThat(connectionId(database)).isNotEqualTo(killed);
    }
  }

  private static long connectionId(Database database) {
    return database.dsl().fetchSingle("SELECT CONNECTION_ID()").get(0, Long.class);
  }
}
