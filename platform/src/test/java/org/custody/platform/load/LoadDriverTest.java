package org.custody.platform.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadDriverTest {
  @Test
  void run_countsCallsAndErrors() throws InterruptedException {
    LoadDriver.Result result = LoadDriver.run("sleepy", 4, Duration.ofMillis(100), Duration.ofMillis(500), (worker, i) -> {
      Thread.sleep(2);
      if (i % 10 == 0) {
        throw new IllegalStateException("every tenth call fails");
      }
    });
    assertThat(result.calls()).isPositive();
    assertThat(result.errors()).isPositive().isLessThan(result.calls());
    assertThat(result.p50Micros()).isGreaterThanOrEqualTo(2000);
    assertThat(result.line()).contains("sleepy");
  }
}
