package org.custody.analytics.survey;

import java.util.Map;

/**
 * How often each answer value was given, per question, over all of a survey's responses.
 *
 * @param counts question id → (option index or rating → count); absent values are 0
 */
public record SurveyTally(long responses, Map<String, Map<Integer, Long>> counts) {
  public long count(String questionId, int value) {
    return counts.getOrDefault(questionId, Map.of()).getOrDefault(value, 0L);
  }
}
