package org.custody.analytics.store;

import org.custody.analytics.salt.SaltStore;
import org.custody.analytics.salt.SaltStoreContract;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqSaltStoreIT extends SaltStoreContract {
  @RegisterExtension static final ServiceDatabase<AnalyticsStores> db = ServiceDatabase.of("analytics", AnalyticsStores::new);

  @Override
  protected SaltStore store() {
    return db.stores().salts();
  }
}
