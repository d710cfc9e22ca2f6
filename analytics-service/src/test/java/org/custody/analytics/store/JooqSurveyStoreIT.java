package org.custody.analytics.store;

import org.custody.analytics.survey.SurveyStore;
import org.custody.analytics.survey.SurveyStoreContract;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class JooqSurveyStoreIT extends SurveyStoreContract {
  private static Database database;
  private static SurveyStore store;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = MigratedDatabase.open(settings);
    store = new AnalyticsStores(database.dsl()).surveys();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected SurveyStore store() {
    return store;
  }
}
