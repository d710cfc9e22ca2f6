package org.custody.analytics.aggregate;

import java.time.Clock;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.privacy.KThreshold;
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

  /** Reads here go over the day cells: it reads no clock and no threshold, and has nothing to build. */
  @Override
  protected SpanSealer sealer(Clock clock, KThreshold k) {
    return aggregates;
  }
}
