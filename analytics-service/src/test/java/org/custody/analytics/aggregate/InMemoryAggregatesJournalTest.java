package org.custody.analytics.aggregate;

import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.ingest.JournalStoreContract;

class InMemoryAggregatesJournalTest extends JournalStoreContract {
  private final InMemoryAggregates aggregates = new InMemoryAggregates();

  @Override
  protected JournalStore journal() {
    return aggregates;
  }
}
