package org.custody.analytics.store;

import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.ingest.JournalStoreContract;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqJournalStoreIT extends JournalStoreContract {
  @RegisterExtension static final ServiceDatabase<AnalyticsStores> db = ServiceDatabase.of("analytics", AnalyticsStores::new);

  @Override
  protected JournalStore journal() {
    return db.stores().journal();
  }
}
