package org.custody.analytics.store;

import org.custody.analytics.survey.SurveyStore;
import org.custody.analytics.survey.SurveyStoreContract;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqSurveyStoreIT extends SurveyStoreContract {
  @RegisterExtension static final ServiceDatabase<AnalyticsStores> db = ServiceDatabase.of("analytics", AnalyticsStores::new);

  @Override
  protected SurveyStore store() {
    return db.stores().surveys();
  }
}
