package org.custody.analytics.aggregate;

import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.stats.AggregateReader;

class InMemoryAggregatesTest extends AggregateStoreContract {
  private final InMemoryAggregates aggregates = new InMemoryAggregates();

  @Override
  protected JournalStore journal() {
    return aggregates;
  }

  @Override
  protected AggregateCompactor compactor() {
    return aggregates;
  }

  @Override
  protected AggregateReader reader() {
    return aggregates;
  }
}
