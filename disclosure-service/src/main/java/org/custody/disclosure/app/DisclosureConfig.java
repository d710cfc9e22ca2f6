package org.custody.disclosure.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.custody.disclosure.leaves.LeafTargets;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.platform.mail.MailSettings;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;

/**
 * The disclosure service's configuration, read once at start (see docs/disclosure.md for every
 * variable and its default).
 *
 * @param leaves CUSTODY_IDENTITY_TARGET, CUSTODY_BILLING_TARGET, CUSTODY_ANALYTICS_TARGET, CUSTODY_LEAF_CALL_TIMEOUT
 * @param mail the SMTP relay and the outbox's pace (the platform's mail settings, shared with identity)
 * @param noticePeriod CUSTODY_TRANSFER_NOTICE_PERIOD: how long after the last notice a corporate transfer waits (P10)
 * @param noticeListInterval CUSTODY_TRANSFER_NOTICE_INTERVAL: how often unlisted transfer campaigns are retried
 * @param packageLifetime CUSTODY_DISCLOSURE_PACKAGE_TTL: how long an ALLOWED package may be fetched
 * @param signingKeyFile CUSTODY_LEDGER_SIGNING_KEY_FILE: an Ed25519 PKCS#8 key (PEM or DER); empty: a key generated under CUSTODY_HOME
 * @param verifyInterval CUSTODY_LEDGER_VERIFY_INTERVAL: how often the whole ledger is verified
 * @param ledgerMaxBatch CUSTODY_LEDGER_MAX_BATCH: the most writes one ledger transaction carries
 * @param signInterval CUSTODY_LEDGER_SIGN_INTERVAL: under load, how long new entries may wait for a signed head
 * @param recipientCacheTtl CUSTODY_RECIPIENT_CACHE_TTL: how long a decision may use a recipient version read earlier
 * @param policyNoticeListInterval CUSTODY_POLICY_NOTICE_INTERVAL: how often the job looks for policy notice campaigns
 *     whose primary account holders are not listed yet, and the first retry delay (doubling, at most 15 minutes) (P14)
 * @param erasureInterval CUSTODY_ERASURE_POLL_INTERVAL: how often the erasure saga looks for due steps (new erasures start at once)
 * @param erasureRetries CUSTODY_ERASURE_RETRY_DELAY, CUSTODY_ERASURE_RETRY_MAX_DELAY: backoff between attempts at one
 *     service's erasure (doubling from the first up to the maximum; never given up)
 * @param exportRetention CUSTODY_EXPORT_RETENTION: how long a subject's export document is kept for them to fetch
 * @param staffAccessRetention CUSTODY_STAFF_ACCESS_RETENTION: how long the index of staff reads by subject is kept
 *     (what exports list); the ledger entries themselves, identifiers only, stay
 * @param retentionPurgeInterval CUSTODY_RETENTION_PURGE_INTERVAL: how often rows past their retention (exports,
 *     the staff access index) are deleted; hourly by default, so a row outlives its retention by at most that
 * @param ledgerFailClosed CUSTODY_LEDGER_FAIL_CLOSED: refuse new disclosures (LEDGER_UNTRUSTED) while a ledger
 *     incident (a failed verification) is not acknowledged; true by default
 */
public record DisclosureConfig(
    CommonConfig common,
    LeafTargets leaves,
    MailSettings mail,
    Duration noticePeriod,
    Duration noticeListInterval,
    Duration packageLifetime,
    Optional<Path> signingKeyFile,
    Duration verifyInterval,
    int ledgerMaxBatch,
    Duration signInterval,
    Duration recipientCacheTtl,
    Duration policyNoticeListInterval,
    Duration erasureInterval,
    RetryPolicy erasureRetries,
    Duration exportRetention,
    boolean ledgerFailClosed,
    Duration staffAccessRetention,
    Duration retentionPurgeInterval) {

  public static final int DEFAULT_GRPC_PORT = 7004;
  public static final int DEFAULT_METRICS_PORT = 9404;

  public static DisclosureConfig from(EnvReader env) {
    CommonConfig common = CommonConfig.from(env, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT);
    return from(common, env);
  }

  /** The disclosure settings from {@code env}, on top of already-read common settings. */
  public static DisclosureConfig from(CommonConfig common, EnvReader env) {
    Duration second = Duration.ofSeconds(1);
    LeafTargets leaves = new LeafTargets(
        env.string("CUSTODY_IDENTITY_TARGET", "localhost:7001"),
        env.string("CUSTODY_BILLING_TARGET", "localhost:7002"),
        env.string("CUSTODY_ANALYTICS_TARGET", "localhost:7003"),
        env.duration("CUSTODY_LEAF_CALL_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)));
    DisclosureConfig config = new DisclosureConfig(common, leaves, MailSettings.from(env, "privacy@localhost"),
        env.duration("CUSTODY_TRANSFER_NOTICE_PERIOD", Duration.ofDays(30), second, Duration.ofDays(365)),
        env.duration("CUSTODY_TRANSFER_NOTICE_INTERVAL", Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofHours(1)),
        env.duration("CUSTODY_DISCLOSURE_PACKAGE_TTL", Duration.ofDays(7), second, Duration.ofDays(90)),
        Optional.ofNullable(env.path("CUSTODY_LEDGER_SIGNING_KEY_FILE", null)),
        env.duration("CUSTODY_LEDGER_VERIFY_INTERVAL", Duration.ofHours(1), Duration.ofMillis(100), Duration.ofDays(7)),
        env.integer("CUSTODY_LEDGER_MAX_BATCH", 256, 1, 10_000),
        env.duration("CUSTODY_LEDGER_SIGN_INTERVAL", Duration.ofMillis(250), Duration.ZERO, Duration.ofMinutes(1)),
        env.duration("CUSTODY_RECIPIENT_CACHE_TTL", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(5)),
        env.duration("CUSTODY_POLICY_NOTICE_INTERVAL", Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofHours(1)),
        env.duration("CUSTODY_ERASURE_POLL_INTERVAL", Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofHours(1)),
        new RetryPolicy(Integer.MAX_VALUE,
            env.duration("CUSTODY_ERASURE_RETRY_DELAY", Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofHours(1)),
            env.duration("CUSTODY_ERASURE_RETRY_MAX_DELAY", Duration.ofHours(1), Duration.ofMillis(10), Duration.ofDays(1))),
        env.duration("CUSTODY_EXPORT_RETENTION", Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)),
        env.bool("CUSTODY_LEDGER_FAIL_CLOSED", true),
        env.duration("CUSTODY_STAFF_ACCESS_RETENTION", Duration.ofDays(3 * 365), Duration.ofMinutes(1), Duration.ofDays(10 * 365)),
        env.duration("CUSTODY_RETENTION_PURGE_INTERVAL", Duration.ofHours(1), Duration.ofMillis(100), Duration.ofDays(1)));
    if (config.signingKeyFile().filter(p -> !p.toFile().canRead()).isPresent()) {
      env.problem("CUSTODY_LEDGER_SIGNING_KEY_FILE is not a readable file: " + config.signingKeyFile().get());
    }
    env.finish();
    return config;
  }
}
