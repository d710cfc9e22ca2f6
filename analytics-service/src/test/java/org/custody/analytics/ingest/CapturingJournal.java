package org.custody.analytics.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.analytics.aggregate.BatchAggregate;

/** A JournalStore that keeps appended batches in memory, for unit tests. */
public final class CapturingJournal implements JournalStore {
  public final List<BatchAggregate> batches = new ArrayList<>();
  private final Map<String, Integer> requestIds = new HashMap<>();

  @Override
  public synchronized Appended append(String projectId, BatchAggregate batch, Optional<RequestKey> key, Instant now) {
    if (key.isPresent() && requestIds.containsKey(key.get().requestId())) {
      return new Appended(requestIds.get(key.get().requestId()), true);
    }
    key.ifPresent(k -> requestIds.put(k.requestId(), batch.views()));
    batches.add(batch);
    return new Appended(batch.views(), false);
  }

  @Override
  public int purgeRequestKeys(Instant before) {
    return 0;
  }
}
