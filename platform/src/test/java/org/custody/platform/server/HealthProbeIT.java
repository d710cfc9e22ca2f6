package org.custody.platform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.metrics.ServiceMetrics;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.junit.jupiter.api.Test;

/** The health probe keeps being asked whatever the probe throws, so health can never freeze. */
class HealthProbeIT {
  @Test
  void probeThatThrowsAnError_reportsNotServing_andIsAskedAgain() {
    AtomicInteger asked = new AtomicInteger();
    // The probe stays broken until the test has seen NOT_SERVING: a fixed number of broken calls
    // made a window of a few hundred milliseconds that a slow machine's health call could miss.
    AtomicBoolean notServingSeen = new AtomicBoolean();
    ServiceMetrics metrics = new ServiceMetrics("probe-test");
    ServiceServer server = ServiceServer.builder("probe-test")
        .settings(ServerSettings.forTests())
        .auth(TestCallers.auth())
        .accessPolicy(AccessPolicy.fromResource("/access-policy/platform-test.yaml"))
        .metrics(metrics.registry(), metrics.grpcInterceptor())
        .healthProbe(() -> {
          int call = asked.incrementAndGet();
          if (call == 1) {
            return true;
          }
          if (call <= 4 || !notServingSeen.get()) {
            throw new LinkageError("probe broke on call " + call);
          }
          return true;
        })
        .addService(new FakeSubjectDataService())
        .closeOnShutdown(metrics)
        .start();
    try (ServiceHarness harness = ServiceHarness.of(server)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> harness.health() == ServingStatus.NOT_SERVING);
      notServingSeen.set(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> harness.health() == ServingStatus.SERVING);
      assertThat(asked.get()).isGreaterThan(4);
    }
  }
}
