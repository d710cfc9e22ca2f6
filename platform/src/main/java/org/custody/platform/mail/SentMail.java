package org.custody.platform.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * A message sent (or queued) to a data subject, as a subject export shows it: what it was about
 * and what became of it; the address while it is still kept (empty once forgotten).
 */
public record SentMail(String id, String topic, String reference, String to, MessageState state, Instant createTime,
    Optional<Instant> deliverTime) {
  @Override
  public String toString() {
    return "SentMail[" + id + ", " + topic + ", " + state + "]"; // never the address
  }
}
