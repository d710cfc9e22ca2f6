package org.custody.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeriodicJobsTest {

  @Test
  void runSoon_countsRunsUnderTaskLabelNotPrometheusJobLabel() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PeriodicJobs jobs = new PeriodicJobs("test", registry)) {
      jobs.runSoon("mail-outbox", () -> {
        throw new IllegalStateException("boom");
      });
      jobs.runSoon("mail-outbox", () -> { });
      await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("custody_job_runs").counters().size() == 2);
    }
    Counter failed = registry.find("custody_job_runs").tag("task", "mail-outbox").tag("outcome", "failure").counter();
    Counter succeeded = registry.find("custody_job_runs").tag("task", "mail-outbox").tag("outcome", "success").counter();
    assertThat(failed).isNotNull();
    assertThat(failed.count()).isEqualTo(1.0);
    assertThat(succeeded.count()).isEqualTo(1.0);
    // Prometheus' own "job" target label would clash: exported_job in the shipped config.
    assertThat(registry.find("custody_job_runs").counters())
        .allSatisfy(c -> assertThat(c.getId().getTag("job")).isNull());
  }
}
