package org.custody.disclosure.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.platform.classification.DataCategory;

/**
 * A service's proof that it erased a subject: what it erased, and what it keeps under a legal
 * obligation, why and until when. Holds no personal data.
 *
 * @param id the receipt id, unique within the service
 */
public record ServiceReceipt(String id, Instant eraseTime, List<Erased> erased, List<Kept> kept) {
  public ServiceReceipt {
    erased = List.copyOf(erased);
    kept = List.copyOf(kept);
  }

  /** A kind of item erased, and how many. */
  public record Erased(String kind, long count) {}

  /**
   * A kind of item kept, how many, on which legal basis, which categories it holds, and when it
   * will be purged (empty when it is kept for as long as the record it belongs to, e.g. ledger
   * entries that name the subject only by id or pseudonym).
   */
  public record Kept(String kind, long count, String legalBasis, Optional<Instant> purgeTime, List<DataCategory> categories) {
    public Kept {
      categories = List.copyOf(categories);
    }
  }

  /** RETAINED when anything is kept, DONE otherwise. */
  public StepState state() {
    return kept.stream().anyMatch(k -> k.count() > 0) ? StepState.RETAINED : StepState.DONE;
  }
}
