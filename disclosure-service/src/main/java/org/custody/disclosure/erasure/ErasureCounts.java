package org.custody.disclosure.erasure;

import java.time.Instant;
import java.util.Optional;

/** What the erasure gauges read: one aggregate query over the erasures table. */
public interface ErasureCounts {
  Totals totals();

  /**
   * Erasures by state, and when the oldest one still in progress was requested.
   */
  record Totals(long inProgress, long completed, Optional<Instant> oldestInProgress) {
    public long count(ErasureState state) {
      return state == ErasureState.IN_PROGRESS ? inProgress : completed;
    }
  }
}
