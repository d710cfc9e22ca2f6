package org.custody.platform.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.api.PageTokens;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.ServiceSecrets;
import org.custody.platform.idempotency.Idempotency;
import org.custody.platform.jobs.PeriodicJobs;
import org.custody.platform.metrics.ServiceMetrics;

/**
 * What a service's composition root starts from: its metrics registry, its migrated database,
 * its idempotency keys and its job scheduler, plus a server builder already carrying the
 * transport settings, auth, the checked-in access policy ({@code /access-policy/<service>.yaml}),
 * metrics, the database health probe, and the shutdown order (jobs, then pool, then metrics).
 */
public final class ServiceRuntime {
  private final String service;
  private final CommonConfig config;
  private final ServiceMetrics metrics;
  private final Database database;
  private final PeriodicJobs jobs;
  private final Idempotency idempotency;
  private final PageTokens pageTokens;

  private ServiceRuntime(String service, CommonConfig config, ServiceMetrics metrics, Database database, Clock clock) {
    this.service = service;
    this.config = config;
    this.metrics = metrics;
    this.database = database;
    this.jobs = new PeriodicJobs(service, metrics.registry());
    this.idempotency = new Idempotency(database.dsl(), clock);
    this.pageTokens = new PageTokens(() -> new ServiceSecrets(database.dsl(), clock).get(PageTokens.SECRET_NAME), clock);
  }

  /** Opens the metrics registry and the database (migrating it). */
  public static ServiceRuntime open(String service, CommonConfig config, DatabaseSettings databaseSettings, Clock clock) {
    ServiceMetrics metrics = new ServiceMetrics(service);
    try {
      Database database = Database.open(databaseSettings, service, metrics.registry());
      return new ServiceRuntime(service, config, metrics, database, clock);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  /**
   * The clock services run on: UTC, ticking in microseconds, because DATETIME(6) columns keep
   * microseconds and a value read back must equal the value written.
   */
  public static Clock systemClock() {
    return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1000));
  }

  public Database database() {
    return database;
  }

  public PrometheusMeterRegistry registry() {
    return metrics.registry();
  }

  public PeriodicJobs jobs() {
    return jobs;
  }

  public Idempotency idempotency() {
    return idempotency;
  }

  /** The sealed page tokens of every list method of the service. */
  public PageTokens pageTokens() {
    return pageTokens;
  }

  public CommonConfig config() {
    return config;
  }

  /**
   * The session validator of a leaf whose access policy binds methods to their subject: asks
   * identity (CUSTODY_IDENTITY_TARGET) through a cache. Close it after the server stopped.
   */
  public org.custody.platform.session.SessionChecks sessionChecks(org.custody.platform.session.SessionCheckSettings settings, Clock clock) {
    return org.custody.platform.session.SessionChecks.open(settings,
        new org.custody.platform.access.ClientChannels(config.auth(), metrics.registry()), clock, metrics.registry());
  }

  /**
   * The staff access log of a leaf whose access policy marks {@code staff_access:} methods: the
   * disclosure service at CUSTODY_DISCLOSURE_TARGET. Close it after the server stopped.
   */
  public org.custody.platform.staffaccess.DisclosureStaffAccessLog staffAccessLog() {
    return new org.custody.platform.staffaccess.DisclosureStaffAccessLog(config.staffAccess(),
        new org.custody.platform.access.ClientChannels(config.auth(), metrics.registry()));
  }

  /**
   * How long the health probe waits for the database: one probe interval (so a silent database is
   * told within about one interval), but never under a second, which a loaded but healthy
   * database could miss.
   */
  static java.time.Duration probeTimeout(java.time.Duration interval) {
    return interval.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : interval;
  }

  /** A server builder with everything but the service's own gRPC services. */
  public ServiceServer.Builder serverBuilder() {
    jobs.schedule("idempotency-purge", java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(1), idempotency::purgeExpired);
    return ServiceServer.builder(service)
        .settings(config.server())
        .auth(config.auth())
        .accessPolicy(AccessPolicy.fromResource("/access-policy/" + service + ".yaml"))
        .metrics(metrics.registry(), metrics.grpcInterceptor())
        .healthProbe(() -> database.answers(probeTimeout(config.server().healthProbeInterval())))
        .closeOnShutdown(jobs)
        .closeOnShutdown(database)
        .closeOnShutdown(metrics);
  }
}
