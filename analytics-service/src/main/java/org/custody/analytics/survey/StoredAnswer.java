package org.custody.analytics.survey;

/**
 * An answer as stored: the index of the chosen option, or the rating.
 *
 * @param optionIndex null for a rating
 * @param rating null for a choice
 */
public record StoredAnswer(String questionId, Integer optionIndex, Integer rating) {
  /** The value counted in results: the option index or the rating. */
  public int value() {
    return optionIndex != null ? optionIndex : rating;
  }

  @Override
  public String toString() {
    return "StoredAnswer[question=" + questionId + "]";
  }
}
