package org.custody.platform.subject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.platform.classification.DataCategory;

/**
 * Proof of an erasure: what was erased, and what is kept under a legal obligation, why and until
 * when. Holds no personal data (which is why the gRPC adapter may keep it as an idempotent reply).
 *
 * @param id unique within the service
 * @param erasure the orchestrator's erasure request ({@code erasures/{id}}), when one was named
 */
public record ErasureReceipt(String id, Optional<String> erasure, Instant eraseTime, List<Erased> erased, List<Retained> retained) {
  public ErasureReceipt {
    erased = List.copyOf(erased);
    retained = List.copyOf(retained);
  }

  /** A receipt for a service that keeps nothing under a legal obligation. */
  public static ErasureReceipt of(String id, Optional<String> erasure, Instant eraseTime, List<Erased> erased) {
    return new ErasureReceipt(id, erasure, eraseTime, erased, List.of());
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
