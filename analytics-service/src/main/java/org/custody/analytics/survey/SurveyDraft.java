package org.custody.analytics.survey;

import java.util.List;

/** A survey as asked to be created. */
public record SurveyDraft(String title, List<Question> questions) {
  public SurveyDraft {
    questions = List.copyOf(questions);
  }
}
