package org.custody.analytics.survey;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Persistence of surveys and their responses. */
public interface SurveyStore {
  /** Stores a new survey with its questions and options. */
  void create(Survey survey);

  Optional<Survey> find(String projectId, String surveyId);

  /**
   * Stores one response and its answers in one transaction.
   *
   * @param respondentPseudonym the keyed pseudonym of the respondent, when one was named
   * @return the response id
   */
  long addResponse(String projectId, String surveyId, Optional<byte[]> respondentPseudonym, LocalDate submitDate,
      List<StoredAnswer> answers);

  /** The answer counts of a survey. */
  SurveyTally tally(String projectId, String surveyId);

  /** The responses stored under a pseudonym, oldest first. */
  List<StoredResponse> responsesOf(byte[] respondentPseudonym);

  /** Deletes the responses (and answers) stored under a pseudonym; returns how many responses. */
  int deleteResponsesOf(byte[] respondentPseudonym);
}
