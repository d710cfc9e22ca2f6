package org.custody.disclosure.decision;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the notices of a corporate transfer stand (P10).
 *
 * @param resolvedTime when the affected subjects were listed and their notices queued; empty before
 * @param addressees how many subjects must be notified
 * @param delivered how many notices the mail server accepted
 * @param undeliverable how many were given up (bounced, no address, attempts exhausted)
 * @param lastDelivery when the last of the delivered notices was accepted
 */
public record NoticeStatus(Optional<Instant> resolvedTime, long addressees, long delivered, long undeliverable, Optional<Instant> lastDelivery) {
  public static NoticeStatus notStarted() {
    return new NoticeStatus(Optional.empty(), 0, 0, 0, Optional.empty());
  }

  public boolean allDelivered() {
    return resolvedTime.isPresent() && delivered == addressees;
  }

  /** When the last subject was told: the last delivery, or the listing when nobody was affected. */
  public Optional<Instant> everyoneToldAt() {
    if (!allDelivered()) {
      return Optional.empty();
    }
    return Optional.of(lastDelivery.filter(d -> d.isAfter(resolvedTime.get())).orElse(resolvedTime.get()));
  }
}
