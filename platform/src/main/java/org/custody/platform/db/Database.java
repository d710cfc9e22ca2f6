package org.custody.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's database: a HikariCP pool (with Micrometer metrics), the Flyway migrations applied
 * at start (the platform's own tables first, then the service's from {@code db/<service>}), and a
 * jOOQ {@link DSLContext} in the dialect of the server actually reached.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource dataSource;
  private final SQLDialect dialect;
  private final DSLContext dsl;

  private final DatabaseProbe probe;

  private Database(HikariDataSource dataSource, SQLDialect dialect, DatabaseProbe probe) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.probe = probe;
    CallDeadlines deadlines = new CallDeadlines();
    DefaultConfiguration configuration = new DefaultConfiguration();
    configuration.set(new DeadlineBoundPool(dataSource)).set(dialect).set(new Settings().withRenderSchema(false));
    configuration.set((org.jooq.ExecuteListener) deadlines);
    configuration.set((org.jooq.TransactionListener) deadlines);
    this.dsl = DSL.using(configuration);
  }

  /** Opens the pool, migrates, and detects the dialect. Fails fast when the database is unreachable. */
  public static Database open(DatabaseSettings settings, String service, MeterRegistry registry) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(service + "-db");
    config.setJdbcUrl(JdbcUrls.withDefaults(settings.jdbcUrl()));
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(Math.min(2, settings.poolSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    // A connection that does not answer its validation within a second is replaced: a call
    // bounded by its deadline should not spend it on one silent connection.
    config.setValidationTimeout(Math.min(1000, settings.connectionTimeout().toMillis()));
    config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    if (registry != null) {
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      migrate(dataSource, service);
      SQLDialect dialect = detectDialect(dataSource);
      log.info("database ready service={} dialect={} {}", service, dialect, settings);
      return new Database(dataSource, dialect, new DatabaseProbe(config.getJdbcUrl(), settings.user(), settings.password()));
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  static void migrate(DataSource dataSource, String service) {
    // Two histories in one schema: the platform's tables (idempotency keys) evolve on their own.
    Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/platform").table("custody_platform_schema_history")
        .baselineOnMigrate(true).baselineVersion("0")
        .load().migrate();
    Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/" + service).table("flyway_schema_history")
        .baselineOnMigrate(true).baselineVersion("0")
        .load().migrate();
  }

  /**
   * MariaDB and MySQL speak one protocol through one driver, but jOOQ must render differently
   * for them (MariaDB rejects MySQL's {@code INSERT ... AS excluded}), so ask the server.
   */
  public static SQLDialect detectDialect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String version = connection.getMetaData().getDatabaseProductVersion();
      return version != null && version.contains("MariaDB") ? SQLDialect.MARIADB : SQLDialect.MYSQL;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database to detect its dialect", e);
    }
  }

  public DSLContext dsl() {
    return dsl;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public SQLDialect dialect() {
    return dialect;
  }

  /**
   * True when the database answers a query within {@code timeout}, asked on a connection of the
   * probe's own, outside the pool: a pool whose connections all hang on a silent database, or that
   * waits its connection timeout to say it has none, cannot tell so quickly. Health reports this,
   * and while it is false calls needing the database are refused at once (see
   * {@link org.custody.platform.server.ServiceServer}). When the database answers again after not
   * answering, the pool's connections (opened before the outage) are replaced.
   */
  public boolean answers(Duration timeout) {
    boolean was = probe.lastAnswered();
    boolean now = probe.answers(timeout);
    if (now && !was) {
      dataSource.getHikariPoolMXBean().softEvictConnections();
    }
    return now;
  }

  /**
   * True when a connection can be obtained and answers within the timeout. A connection that
   * does not answer is evicted: the pool skips its own liveness check for connections used in
   * the last 500 ms, so a probe asking more often than that would otherwise be handed the same
   * dead connection forever, long after the database is back.
   */
  public boolean isReachable(int timeoutSeconds) {
    try (Connection connection = dataSource.getConnection()) {
      if (connection.isValid(timeoutSeconds)) {
        return true;
      }
      dataSource.evictConnection(connection);
      return false;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    probe.close();
    dataSource.close();
  }
}
