package org.custody.analytics.store;

import java.time.Clock;
import org.custody.analytics.aggregate.AggregateCompactor;
import org.custody.analytics.aggregate.AggregateStoreContract;
import org.custody.analytics.aggregate.SpanSealer;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.stats.AggregateReader;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class JooqAggregatesIT extends AggregateStoreContract {
  private static Database database;
  private static AnalyticsStores stores;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = MigratedDatabase.open(settings);
    stores = new AnalyticsStores(database.dsl());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected JournalStore journal() {
    return stores.journal();
  }

  @Override
  protected AggregateCompactor compactor() {
    return stores.compactor();
  }

  @Override
  protected AggregateReader reader() {
    return stores.aggregates();
  }

  @Override
  protected SpanSealer sealer(Clock clock, KThreshold k) {
    return stores.spanSealer(clock, k);
  }
}
