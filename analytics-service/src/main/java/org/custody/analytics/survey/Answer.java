package org.custody.analytics.survey;

/**
 * One answer as submitted.
 *
 * @param option the chosen option of a choice question, or null
 * @param rating the rating of a rating question, or null
 */
public record Answer(String questionId, String option, Integer rating) {
  /** Never prints the answer: it is the respondent's content. */
  @Override
  public String toString() {
    return "Answer[question=" + questionId + "]";
  }
}
