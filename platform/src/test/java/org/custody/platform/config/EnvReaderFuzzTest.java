package org.custody.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.Map;

/** Durations in configuration: in range, or a problem naming the key; the default stays. */
class EnvReaderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void duration_isInRangeOrAProblem(FuzzedDataProvider data) {
    String raw = data.consumeRemainingAsString();
    EnvReader env = new EnvReader(Map.of("CUSTODY_FUZZ_INTERVAL", raw));
    Duration value = env.duration("CUSTODY_FUZZ_INTERVAL", Duration.ofSeconds(7), Duration.ofMillis(100), Duration.ofDays(30));
    assertThat(value).isBetween(Duration.ofMillis(100), Duration.ofDays(30));
    try {
      env.finish();
    } catch (ConfigException e) {
      assertThat(value).isEqualTo(Duration.ofSeconds(7));
      assertThat(e.getMessage()).contains("CUSTODY_FUZZ_INTERVAL is invalid");
    }
  }
}
