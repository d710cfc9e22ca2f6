package org.custody.platform.mail;

import java.time.Clock;
import java.time.Duration;
import org.custody.platform.jobs.PeriodicJobs;
import org.jooq.DSLContext;

/**
 * Wires a service's outbox: the store on its database, delivery over SMTP, the {@code mail-outbox}
 * job (every poll interval, and soon after a commit that queued mail) and the
 * {@code mail-retention} job (hourly: finished messages forget address and text).
 */
public final class MailOutbox {
  private MailOutbox() {}

  /** Starts delivery through {@code sender}; returns the outbox to queue messages in. */
  public static Outbox start(MailSettings settings, DSLContext dsl, MailSender sender, DeliveryJournal journal, OutboxMetrics metrics,
      PeriodicJobs jobs, Clock clock) {
    OutboxStore store = new JooqOutboxStore(dsl);
    OutboxDispatcher dispatcher = new OutboxDispatcher(store, sender, journal, settings.retries(), metrics, clock);
    Outbox outbox = new Outbox(store, clock, () -> jobs.runSoon("mail-outbox", dispatcher::dispatchDue));
    jobs.schedule("mail-outbox", settings.pollInterval(), settings.pollInterval(), dispatcher::dispatchDue);
    jobs.schedule("mail-retention", Duration.ofMinutes(2), Duration.ofHours(1), () -> outbox.forgetFinished(settings.retention()));
    return outbox;
  }

  /** {@link #start} delivering over SMTP to {@link MailSettings#smtp()}. */
  public static Outbox start(MailSettings settings, DSLContext dsl, DeliveryJournal journal, OutboxMetrics metrics, PeriodicJobs jobs,
      Clock clock) {
    return start(settings, dsl, new SmtpMailSender(settings.smtp()), journal, metrics, jobs, clock);
  }
}
