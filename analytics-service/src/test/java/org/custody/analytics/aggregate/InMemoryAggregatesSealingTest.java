package org.custody.analytics.aggregate;

import java.time.Clock;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.stats.AggregateReader;

class InMemoryAggregatesSealingTest extends SpanSealerContract {
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

  /** The in-memory sealer reads no clock and no threshold: it has nothing to build. */
  @Override
  protected SpanSealer sealer(Clock clock, KThreshold k) {
    return aggregates;
  }
}
