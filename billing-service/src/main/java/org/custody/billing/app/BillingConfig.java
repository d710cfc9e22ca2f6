package org.custody.billing.app;

import java.nio.file.Path;
import java.time.Duration;
import org.custody.billing.crypto.RootKey;
import org.custody.billing.invoice.RetentionPolicy;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;

/**
 * The billing service's configuration, read once at start.
 *
 * @param kek where the key-encryption key's root keyset comes from
 * @param retention how long invoices are kept, and on what legal basis
 * @param retentionPurgeInterval how often invoices past retention are purged
 * @param rewrapBatchSize data keys moved per rewrap transaction
 */
public record BillingConfig(CommonConfig common, KekSource kek, RetentionPolicy retention, Duration retentionPurgeInterval,
    int rewrapBatchSize) {
  public static final int DEFAULT_GRPC_PORT = 7002;
  public static final int DEFAULT_METRICS_PORT = 9402;
  public static final int DEFAULT_RETENTION_YEARS = 10;
  public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(24);
  public static final int DEFAULT_REWRAP_BATCH_SIZE = 500;

  /** Defaults everywhere: a generated KEK under {@code common.home()} (the embedded default, tests). */
  public BillingConfig(CommonConfig common) {
    this(common, generatedKek(common.home()), new RetentionPolicy(DEFAULT_RETENTION_YEARS, RetentionPolicy.DEFAULT_LEGAL_BASIS),
        DEFAULT_PURGE_INTERVAL, DEFAULT_REWRAP_BATCH_SIZE);
  }

  /** Where the embedded default keeps its generated root keyset. */
  public static KekSource generatedKek(Path home) {
    return new KekSource.Generated(home.resolve("secrets").resolve("billing-kek.json"));
  }

  /**
   * Reads the common settings and CUSTODY_BILLING_KEK_KEYSET, CUSTODY_BILLING_KEK_FILE,
   * CUSTODY_BILLING_INVOICE_RETENTION_YEARS, CUSTODY_BILLING_RETENTION_LEGAL_BASIS,
   * CUSTODY_BILLING_RETENTION_PURGE_INTERVAL, CUSTODY_BILLING_REWRAP_BATCH_SIZE.
   */
  public static BillingConfig from(EnvReader env) {
    CommonConfig common = CommonConfig.from(env, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT);
    String inline = env.string("CUSTODY_BILLING_KEK_KEYSET", null);
    Path file = env.path("CUSTODY_BILLING_KEK_FILE", null);
    KekSource kek = generatedKek(common.home());
    if (inline != null && file != null) {
      env.problem("set only one of CUSTODY_BILLING_KEK_KEYSET and CUSTODY_BILLING_KEK_FILE");
    } else if (inline != null) {
      kek = new KekSource.Inline(inline);
      checkKeyset(env, kek, "CUSTODY_BILLING_KEK_KEYSET");
    } else if (file != null) {
      kek = new KekSource.File(file);
      checkKeyset(env, kek, "CUSTODY_BILLING_KEK_FILE");
    } else if (common.database().isPresent()) {
      env.problem("CUSTODY_BILLING_KEK_KEYSET or CUSTODY_BILLING_KEK_FILE is required when CUSTODY_DB_URL is set "
          + "(a generated key-encryption key is only for the embedded default)");
    }
    int years = env.integer("CUSTODY_BILLING_INVOICE_RETENTION_YEARS", DEFAULT_RETENTION_YEARS, 1, 30);
    String basis = env.string("CUSTODY_BILLING_RETENTION_LEGAL_BASIS", RetentionPolicy.DEFAULT_LEGAL_BASIS);
    if (basis.length() > 200) {
      env.problem("CUSTODY_BILLING_RETENTION_LEGAL_BASIS must be at most 200 characters");
    }
    Duration purge = env.duration("CUSTODY_BILLING_RETENTION_PURGE_INTERVAL", DEFAULT_PURGE_INTERVAL, Duration.ofMinutes(1), Duration.ofDays(7));
    int batch = env.integer("CUSTODY_BILLING_REWRAP_BATCH_SIZE", DEFAULT_REWRAP_BATCH_SIZE, 10, 5000);
    env.finish();
    return new BillingConfig(common, kek, new RetentionPolicy(years, basis), purge, batch);
  }

  private static void checkKeyset(EnvReader env, KekSource kek, String variable) {
    try {
      RootKey.fromJson(kek.keysetJson());
    } catch (RuntimeException e) {
      // Never the value: it is a secret.
      env.problem(variable + " does not hold a Tink JSON keyset of AEAD keys");
    }
  }
}
