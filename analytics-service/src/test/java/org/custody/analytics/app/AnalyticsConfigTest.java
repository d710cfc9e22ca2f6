package org.custody.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.custody.platform.config.ConfigException;
import org.custody.platform.config.EnvReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsConfigTest {
  private static final Map<String, String> TOKENS = Map.of("CUSTODY_CALLER_TOKENS", "frontend=0123456789abcdef0123");

  private static EnvReader env(Map<String, String> values) {
    return new EnvReader(TOKENS).with(values);
  }

  @Test
  void from_emptyEnvironment_usesTheDocumentedDefaults() {
    AnalyticsConfig config = AnalyticsConfig.from(env(Map.of()));
    assertThat(config.dailyEpsilon()).isEqualTo(10);
    assertThat(config.kThreshold()).isEqualTo(10);
    assertThat(config.maxViewAge()).isEqualTo(Duration.ofHours(24));
    assertThat(config.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.compactionInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.saltSweepInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.spanSealInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.pseudonymKey()).isEmpty();
  }

  @Test
  void from_readsEverySetting() {
    String key = Base64.getEncoder().encodeToString(new byte[40]);
    AnalyticsConfig config = AnalyticsConfig.from(env(Map.of(
        "CUSTODY_PRIVACY_BUDGET_PER_DAY", "4.5",
        "CUSTODY_ANALYTICS_K_THRESHOLD", "25",
        "CUSTODY_ANALYTICS_MAX_VIEW_AGE", "6h",
        "CUSTODY_ANALYTICS_MAX_CLOCK_SKEW", "30s",
        "CUSTODY_ANALYTICS_COMPACTION_INTERVAL", "500ms",
        "CUSTODY_ANALYTICS_SALT_SWEEP_INTERVAL", "1m",
        "CUSTODY_ANALYTICS_SPAN_SEAL_INTERVAL", "30m",
        "CUSTODY_ANALYTICS_PSEUDONYM_KEY", key)));
    assertThat(config.dailyEpsilon()).isEqualTo(4.5);
    assertThat(config.kThreshold()).isEqualTo(25);
    assertThat(config.maxViewAge()).isEqualTo(Duration.ofHours(6));
    assertThat(config.maxClockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.compactionInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.saltSweepInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.spanSealInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.pseudonymKey()).hasValueSatisfying(k -> assertThat(k).hasSize(40));
    assertThat(config.toString()).doesNotContain(key);
  }

  @Test
  void from_kBelowFive_aViewAgeBeyondTheSaltsLife_orAShortKey_failAtStart() {
    assertThatThrownBy(() -> AnalyticsConfig.from(env(Map.of(
        "CUSTODY_ANALYTICS_K_THRESHOLD", "4",
        "CUSTODY_ANALYTICS_MAX_VIEW_AGE", "36h",
        "CUSTODY_ANALYTICS_PSEUDONYM_KEY", Base64.getEncoder().encodeToString(new byte[16])))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CUSTODY_ANALYTICS_K_THRESHOLD")
        .hasMessageContaining("CUSTODY_ANALYTICS_MAX_VIEW_AGE")
        .hasMessageContaining("CUSTODY_ANALYTICS_PSEUDONYM_KEY");
  }

  @Test
  void pseudonymKeyFile_isCreatedOnce_ownerOnly_andReadBack(@TempDir Path home) throws Exception {
    byte[] first = PseudonymKeyFile.loadOrCreate(home);
    assertThat(first).hasSize(32);
    assertThat(PseudonymKeyFile.loadOrCreate(home)).isEqualTo(first);
    Path file = home.resolve("analytics/pseudonym.key");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
