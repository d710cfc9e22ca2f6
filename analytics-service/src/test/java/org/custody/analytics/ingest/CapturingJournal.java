package org.custody.analytics.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.analytics.aggregate.BatchAggregate;

/**
 * A JournalStore that keeps appended batches in memory, for unit tests that look at what
 * ingestion journaled; faithful to the jOOQ journal by {@link CapturingJournalTest}.
 */
public final class CapturingJournal implements JournalStore {
  public final List<BatchAggregate> batches = new ArrayList<>();
  private final InMemoryRequestKeys requestKeys = new InMemoryRequestKeys();

  @Override
  public synchronized Appended append(String projectId, BatchAggregate batch, Optional<RequestKey> key, Instant now) {
    if (key.isPresent()) {
      Optional<Appended> replay = requestKeys.claim(projectId, key.get(), batch.views(), now);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    batches.add(batch);
    return new Appended(batch.views(), false);
  }

  @Override
  public int purgeRequestKeys(Instant before) {
    return requestKeys.purge(before);
  }
}
