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
 * @param listingFailure why listing the subjects failed last, while they are not listed yet
 */
public record NoticeStatus(Optional<Instant> resolvedTime, long addressees, long delivered, long undeliverable, Optional<Instant> lastDelivery,
    Optional<String> listingFailure) {
  public static NoticeStatus notStarted() {
    return notStarted(Optional.empty());
  }

  public static NoticeStatus notStarted(Optional<String> listingFailure) {
    return new NoticeStatus(Optional.empty(), 0, 0, 0, Optional.empty(), listingFailure);
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
