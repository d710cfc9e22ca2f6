package org.custody.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.custody.platform.access.AuthMode;
import org.junit.jupiter.api.Test;

class EnvReaderTest {
  @Test
  void defaults_applyWhenUnset() {
    EnvReader env = new EnvReader(Map.of());
    assertThat(env.integer("PORT", 7001, 0, 65535)).isEqualTo(7001);
    assertThat(env.duration("IDLE", Duration.ofMinutes(30), Duration.ZERO, Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(30));
    env.finish();
  }

  @Test
  void durations_acceptUnitsAndIso() {
    EnvReader env = new EnvReader(Map.of("A", "15m", "B", "PT2H", "C", "500ms", "D", "7d"));
    Duration max = Duration.ofDays(30);
    assertThat(env.duration("A", null, Duration.ZERO, max)).isEqualTo(Duration.ofMinutes(15));
    assertThat(env.duration("B", null, Duration.ZERO, max)).isEqualTo(Duration.ofHours(2));
    assertThat(env.duration("C", null, Duration.ZERO, max)).isEqualTo(Duration.ofMillis(500));
    assertThat(env.duration("D", null, Duration.ZERO, max)).isEqualTo(Duration.ofDays(7));
    env.finish();
  }

  @Test
  void finish_reportsEveryProblemAtOnce_withoutEchoingValues() {
    EnvReader env = new EnvReader(Map.of("PORT", "seventy", "MODE", "kerberos", "K", "3"));
    env.integer("PORT", 1, 0, 65535);
    env.oneOf("MODE", AuthMode.TOKEN, AuthMode.class);
    env.integer("K", 10, 5, 100);
    env.required("SECRET", "the signing key");
    assertThatThrownBy(env::finish).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.problems()).hasSize(4);
      assertThat(e.getMessage()).contains("PORT", "MODE", "K is invalid: must be between 5 and 100", "SECRET is required")
          .doesNotContain("seventy").doesNotContain("kerberos");
    });
  }
}
