package org.custody.analytics.store;

import java.time.Clock;
import org.custody.analytics.aggregate.AggregateCompactor;
import org.custody.analytics.aggregate.AggregateStoreContract;
import org.custody.analytics.aggregate.SpanSealer;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.stats.AggregateReader;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqAggregatesIT extends AggregateStoreContract {
  @RegisterExtension static final ServiceDatabase<AnalyticsStores> db = ServiceDatabase.of("analytics", AnalyticsStores::new);

  @Override
  protected JournalStore journal() {
    return db.stores().journal();
  }

  @Override
  protected AggregateCompactor compactor() {
    return db.stores().compactor();
  }

  @Override
  protected AggregateReader reader() {
    return db.stores().aggregates();
  }

  @Override
  protected SpanSealer sealer(Clock clock, KThreshold k) {
    return db.stores().spanSealer(clock, k);
  }
}
