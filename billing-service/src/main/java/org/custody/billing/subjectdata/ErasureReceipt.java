package org.custody.billing.subjectdata;

import java.time.Instant;
import java.util.List;
import org.custody.platform.classification.DataCategory;

/**
 * Proof of an erasure: what was erased, and what is kept under a legal obligation, why and
 * until when. Holds no personal data.
 *
 * @param erasure the orchestrator's erasure request ({@code erasures/{id}}), or empty
 */
public record ErasureReceipt(String id, String erasure, Instant eraseTime, List<Erased> erased, List<Retained> retained) {
  public ErasureReceipt {
    erased = List.copyOf(erased);
    retained = List.copyOf(retained);
  }

  /** A kind of item erased, and how many. */
  public record Erased(String kind, long count) {}

  /** A kind of item kept, how many, why, until when, and which categories it holds. */
  public record Retained(String kind, long count, String legalBasis, Instant purgeTime, List<DataCategory> categories) {
    public Retained {
      categories = List.copyOf(categories);
    }
  }
}
