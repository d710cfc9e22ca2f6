package org.custody.analytics.survey;

import java.time.LocalDate;
import java.util.List;

/** A response tied to a respondent's pseudonym, as read back for that respondent's export. */
public record StoredResponse(long responseId, String projectId, String surveyId, LocalDate submitDate, List<StoredAnswer> answers) {
  public StoredResponse {
    answers = List.copyOf(answers);
  }
}
