package org.custody.platform.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.custody.platform.errors.SafeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background jobs of a service (expiry sweeps, salt destruction, outbox delivery, saga steps),
 * each run with a fixed delay on one daemon thread. A failing run is logged (class names only)
 * and counted; the job runs again at its next turn.
 */
public final class PeriodicJobs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

  private final String service;
  private final MeterRegistry registry;
  private final ScheduledExecutorService scheduler;

  public PeriodicJobs(String service, MeterRegistry registry) {
    this.service = service;
    this.registry = registry;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, service + "-jobs");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code job} every {@code interval}, first after {@code initialDelay}. */
  public void schedule(String name, Duration initialDelay, Duration interval, Runnable job) {
    scheduler.scheduleWithFixedDelay(() -> runOnce(name, job), initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs a job now on the jobs thread (e.g. to kick the outbox after enqueueing). */
  public void runSoon(String name, Runnable job) {
    scheduler.execute(() -> runOnce(name, job));
  }

  private void runOnce(String name, Runnable job) {
    String outcome = "success";
    try {
      job.run();
    } catch (RuntimeException e) {
      outcome = "failure";
      log.warn("job failed service={} task={} cause={}", service, name, SafeDescription.of(e));
    }
    Counter.builder("custody_job_runs")
        .description("Background job runs by task and outcome")
        // "task", not "job": Prometheus attaches its own job label (the scrape job) to every series.
        .tag("task", name).tag("outcome", outcome)
        .register(registry).increment();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
