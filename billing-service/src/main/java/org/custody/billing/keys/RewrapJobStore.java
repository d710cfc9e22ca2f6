package org.custody.billing.keys;

import java.time.Instant;
import java.util.Optional;

/** Persistence of rewrap jobs. */
public interface RewrapJobStore {
  Optional<RewrapJob> running();

  Optional<RewrapJob> find(String id);

  /** The most recently started job. */
  Optional<RewrapJob> latest();

  /**
   * Stores a new running job.
   *
   * @return false when another job is running already
   */
  boolean insert(RewrapJob job);

  /**
   * Takes the job's lease if it is free, expired or already {@code owner}'s, so that one process
   * works on it.
   *
   * @return whether {@code owner} holds the lease now
   */
  boolean claim(String id, String owner, Instant now, Instant leaseUntil);

  /** Records a batch: the new cursor, the keys it moved, a renewed lease. */
  void advance(String id, String cursor, long rewrapped, Instant leaseUntil);

  /** Ends the job. */
  void finish(String id, RewrapJobState state, Instant at);
}
