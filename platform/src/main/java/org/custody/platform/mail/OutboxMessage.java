package org.custody.platform.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored outbox message and its delivery record.
 *
 * @param failure the last failure's code (e.g. {@code SMTP_550}, {@code CONNECT}); never a server message
 * @param permanent whether the last failure was a refusal (bounce) rather than a transient fault
 */
public record OutboxMessage(
    String id,
    OutgoingMail mail,
    MessageState state,
    int attempts,
    Optional<Instant> nextAttemptTime,
    Optional<String> failure,
    boolean permanent,
    Instant createTime,
    Optional<Instant> deliverTime) {

  /** {@code mail/{id}}, as the ledger names it. */
  public String name() {
    return "mail/" + id;
  }

  public boolean givenUp() {
    return state == MessageState.FAILED && nextAttemptTime.isEmpty();
  }
}
