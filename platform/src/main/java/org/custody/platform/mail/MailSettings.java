package org.custody.platform.mail;

import java.time.Duration;
import java.util.Optional;
import org.custody.platform.config.EnvReader;
import org.custody.platform.jobs.RetryPolicy;

/**
 * How a service sends mail: the SMTP relay and the outbox's pace. Every service that sends mail
 * reads the same variables, so one relay serves the suite.
 *
 * @param smtp CUSTODY_SMTP_HOST, _PORT, _USER, _PASSWORD, _STARTTLS, _TIMEOUT, CUSTODY_MAIL_FROM
 * @param retries CUSTODY_MAIL_MAX_ATTEMPTS, CUSTODY_MAIL_RETRY_DELAY (doubling, at most 6 h)
 * @param pollInterval CUSTODY_MAIL_POLL_INTERVAL: how often the outbox looks for due messages
 * @param retention CUSTODY_MAIL_RETENTION: how long a delivered (or given-up) message keeps its address and text
 */
public record MailSettings(SmtpSettings smtp, RetryPolicy retries, Duration pollInterval, Duration retention) {

  /** Reads the mail variables (problems are recorded in {@code env}; the caller finishes it). */
  public static MailSettings from(EnvReader env, String defaultFrom) {
    String smtpUser = env.string("CUSTODY_SMTP_USER", "");
    SmtpSettings smtp = new SmtpSettings(
        env.string("CUSTODY_SMTP_HOST", "localhost"),
        env.integer("CUSTODY_SMTP_PORT", 25, 1, 65535),
        smtpUser.isEmpty() ? Optional.empty() : Optional.of(smtpUser),
        env.string("CUSTODY_SMTP_PASSWORD", ""),
        env.bool("CUSTODY_SMTP_STARTTLS", false),
        env.string("CUSTODY_MAIL_FROM", defaultFrom),
        env.duration("CUSTODY_SMTP_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)));
    if (!smtp.from().contains("@")) {
      env.problem("CUSTODY_MAIL_FROM must be an e-mail address");
    }
    RetryPolicy retries = new RetryPolicy(
        env.integer("CUSTODY_MAIL_MAX_ATTEMPTS", 8, 1, 100),
        env.duration("CUSTODY_MAIL_RETRY_DELAY", Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofHours(6)),
        Duration.ofHours(6));
    return new MailSettings(smtp, retries,
        env.duration("CUSTODY_MAIL_POLL_INTERVAL", Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofHours(1)),
        env.duration("CUSTODY_MAIL_RETENTION", Duration.ofDays(90), Duration.ofMinutes(1), Duration.ofDays(3650)));
  }
}
