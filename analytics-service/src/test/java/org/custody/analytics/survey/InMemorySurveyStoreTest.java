package org.custody.analytics.survey;

class InMemorySurveyStoreTest extends SurveyStoreContract {
  private final InMemorySurveyStore store = new InMemorySurveyStore();

  @Override
  protected SurveyStore store() {
    return store;
  }
}
