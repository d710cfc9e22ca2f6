package org.custody.billing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.custody.billing.crypto.RootKey;
import org.custody.platform.config.ConfigException;
import org.custody.platform.config.EnvReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingConfigTest {
  @TempDir
  Path home;

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("CUSTODY_HOME", home.toString());
    env.put("CUSTODY_CALLER_TOKENS", "frontend=0123456789abcdef0123");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void from_defaults_generateTheKekUnderHomeAndKeepInvoicesTenYears() {
    BillingConfig config = BillingConfig.from(new EnvReader(env()));
    assertThat(config.kek()).isEqualTo(new KekSource.Generated(home.resolve("secrets/billing-kek.json")));
    assertThat(config.retention().years()).isEqualTo(10);
    assertThat(config.retentionPurgeInterval()).isEqualTo(Duration.ofHours(24));
    assertThat(config.rewrapBatchSize()).isEqualTo(500);
  }

  @Test
  void from_inlineKeyset_isUsedAndNeverShown() {
    String keyset = RootKey.generateJson();
    BillingConfig config = BillingConfig.from(new EnvReader(env("CUSTODY_BILLING_KEK_KEYSET", keyset,
        "CUSTODY_BILLING_INVOICE_RETENTION_YEARS", "7", "CUSTODY_BILLING_RETENTION_PURGE_INTERVAL", "6h")));
    // Compared without printing: a failure message must not show a key either.
    assertThat(config.kek().keysetJson().equals(keyset.strip())).isTrue();
    assertThat(config.toString()).doesNotContain(keyset.substring(30, 90)).contains("redacted");
    assertThat(config.retention().years()).isEqualTo(7);
    assertThat(config.retentionPurgeInterval()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void from_keysetFile_isRead() throws Exception {
    Path file = home.resolve("kek.json");
    Files.writeString(file, RootKey.generateJson());
    BillingConfig config = BillingConfig.from(new EnvReader(env("CUSTODY_BILLING_KEK_FILE", file.toString())));
    assertThat(config.kek()).isEqualTo(new KekSource.File(file));
  }

  @Test
  void from_problems_areReportedTogetherWithoutTheSecret() {
    assertThatThrownBy(() -> BillingConfig.from(new EnvReader(env("CUSTODY_BILLING_KEK_KEYSET", "not-a-keyset-hunter2",
        "CUSTODY_BILLING_INVOICE_RETENTION_YEARS", "0", "CUSTODY_BILLING_REWRAP_BATCH_SIZE", "lots"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CUSTODY_BILLING_KEK_KEYSET does not hold a Tink JSON keyset")
        .hasMessageContaining("CUSTODY_BILLING_INVOICE_RETENTION_YEARS")
        .hasMessageContaining("CUSTODY_BILLING_REWRAP_BATCH_SIZE")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void from_externalDatabaseWithoutAKek_isRefused() {
    assertThatThrownBy(() -> BillingConfig.from(new EnvReader(env("CUSTODY_DB_URL", "jdbc:mysql://db:3306/custody_billing"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CUSTODY_BILLING_KEK_KEYSET or CUSTODY_BILLING_KEK_FILE is required");
  }

  @Test
  void from_bothKekSources_isRefused() {
    assertThatThrownBy(() -> BillingConfig.from(new EnvReader(env("CUSTODY_BILLING_KEK_KEYSET", RootKey.generateJson(),
        "CUSTODY_BILLING_KEK_FILE", "/nonexistent"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("only one of");
  }

  @Test
  void generatedKek_isCreatedOwnerOnlyAndReused() throws Exception {
    KekSource source = BillingConfig.generatedKek(home);
    String first = source.keysetJson();
    assertThat(Files.getPosixFilePermissions(home.resolve("secrets/billing-kek.json")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(BillingConfig.generatedKek(home).keysetJson()).isEqualTo(first);
    RootKey.fromJson(first);
  }
}
