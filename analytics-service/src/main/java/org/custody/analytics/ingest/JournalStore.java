package org.custody.analytics.ingest;

import java.time.Instant;
import java.util.Optional;
import org.custody.analytics.aggregate.BatchAggregate;

/** Durable storage of reduced batches, awaiting compaction into the day aggregates. */
public interface JournalStore {
  /**
   * What an append did: the journal's form of the platform's
   * {@link org.custody.platform.idempotency.RequestReplay.Answer} (first, or replayed).
   *
   * @param recordedCount the views the batch recorded (the first time, for a replay)
   * @param replayed true when the request id was already recorded with the same content and
   *     nothing was written
   */
  record Appended(int recordedCount, boolean replayed) {}

  /**
   * Commits the batch (and its request id, in the same transaction) before returning: once this
   * returns, the batch survives a crash.
   *
   * @throws org.custody.platform.errors.DomainException REQUEST_ID_REUSED when the id was
   *     recorded for a different batch ({@link org.custody.platform.idempotency.RequestReplay.Recorded#answerFor})
   */
  Appended append(String projectId, BatchAggregate batch, Optional<RequestKey> key, Instant now);

  /** Forgets request ids recorded before the cutoff; returns how many. */
  int purgeRequestKeys(Instant before);
}
