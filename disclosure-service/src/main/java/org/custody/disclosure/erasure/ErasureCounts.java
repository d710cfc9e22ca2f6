package org.custody.disclosure.erasure;

import java.time.Instant;
import java.util.Optional;

/** What the erasure gauges read: cheap counts over the erasures table. */
public interface ErasureCounts {
  long count(ErasureState state);

  /** When the oldest erasure still in progress was requested. */
  Optional<Instant> oldestInProgress();
}
