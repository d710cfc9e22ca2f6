package org.custody.platform.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.platform.jobs.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due outbox messages: claims each (a lease, so two processes never send the same
 * message at once), sends the claimed ones over one connection, then records each outcome. A
 * delivery, and a message given up, are entries of the service's {@link DeliveryJournal} (with
 * ids, never the address).
 * Delivery is at least once: a crash between sending and recording sends again after the lease.
 */
public final class OutboxDispatcher {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final int BATCH = 200;
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final OutboxStore store;
  private final MailSender sender;
  private final DeliveryJournal journal;
  private final RetryPolicy retries;
  private final OutboxMetrics metrics;
  private final Clock clock;

  public OutboxDispatcher(OutboxStore store, MailSender sender, DeliveryJournal journal, RetryPolicy retries, OutboxMetrics metrics,
      Clock clock) {
    this.store = store;
    this.sender = sender;
    this.journal = journal;
    this.retries = retries;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Attempts every message due now; returns how many were attempted. Synchronized: one run at a time per process. */
  public synchronized int dispatchDue() {
    int attempted = 0;
    while (true) {
      Instant now = clock.instant();
      List<OutboxMessage> claimed = new ArrayList<>();
      for (OutboxMessage message : store.due(now, BATCH)) {
        if (store.claim(message.id(), now, now.plus(LEASE))) {
          claimed.add(message);
        }
      }
      if (claimed.isEmpty()) {
        return attempted;
      }
      List<MailSender.Result> results = sender.send(claimed.stream().map(OutboxMessage::mail).toList());
      for (int i = 0; i < claimed.size(); i++) {
        record(claimed.get(i), results.get(i));
      }
      attempted += claimed.size();
      if (claimed.size() < BATCH) {
        return attempted;
      }
    }
  }

  private void record(OutboxMessage message, MailSender.Result result) {
    int attempts = message.attempts() + 1;
    if (result.status() == MailSender.Status.DELIVERED) {
      Instant time = clock.instant();
      journal.write(Optional.of(new DeliveryJournal.Entry("mail.delivered", body(message, attempts, Optional.empty()))),
          (tx, index) -> store.markDelivered(tx, message.id(), attempts, time, index));
      metrics.delivered();
      log.info("mail delivered message={} topic={} reference={} attempts={}", message.id(), message.mail().topic(), message.mail().reference(), attempts);
      return;
    }
    boolean permanent = result.status() == MailSender.Status.PERMANENT_FAILURE;
    if (permanent || attempts >= retries.maxAttempts()) {
      journal.write(Optional.of(new DeliveryJournal.Entry("mail.undeliverable", body(message, attempts, Optional.of(result.code())))),
          (tx, index) -> store.markFailed(tx, message.id(), attempts, result.code(), permanent, Optional.empty()));
      metrics.failed();
      log.warn("mail given up message={} topic={} reference={} attempts={} failure={}", message.id(), message.mail().topic(),
          message.mail().reference(), attempts, result.code());
      return;
    }
    Instant next = clock.instant().plus(retries.delayAfter(attempts));
    journal.write(Optional.empty(), (tx, index) -> store.markFailed(tx, message.id(), attempts, result.code(), false, Optional.of(next)));
    metrics.retried();
    log.info("mail attempt failed message={} topic={} attempts={} failure={} nextAttempt={}", message.id(), message.mail().topic(),
        attempts, result.code(), next);
  }

  private static Map<String, Object> body(OutboxMessage message, int attempts, Optional<String> failure) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message.name());
    body.put("topic", message.mail().topic());
    body.put("reference", message.mail().reference());
    message.mail().subjectId().ifPresent(s -> body.put("subject", s));
    body.put("attempts", attempts);
    failure.ifPresent(f -> body.put("failure", f));
    return body;
  }
}
