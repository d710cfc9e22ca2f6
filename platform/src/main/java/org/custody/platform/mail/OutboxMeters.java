package org.custody.platform.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code custody_mail_outbox_messages_total{state}}: delivery attempts by result. The only tag
 * is one of three fixed states, never an address or topic of a person.
 */
public final class OutboxMeters implements OutboxMetrics {
  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;

  public OutboxMeters(MeterRegistry registry) {
    this.delivered = counter(registry, "delivered");
    this.retried = counter(registry, "retried");
    this.failed = counter(registry, "failed");
  }

  @Override
  public void delivered() {
    delivered.increment();
  }

  @Override
  public void retried() {
    retried.increment();
  }

  @Override
  public void failed() {
    failed.increment();
  }

  private static Counter counter(MeterRegistry registry, String state) {
    return Counter.builder("custody_mail_outbox_messages")
        .description("Outbox delivery attempts by result: delivered, retried (failed, tried again later), failed (given up)")
        .tag("state", state)
        .register(registry);
  }
}
