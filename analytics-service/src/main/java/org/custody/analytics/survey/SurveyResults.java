package org.custody.analytics.survey;

import java.util.List;

/**
 * A survey's results, aggregate only.
 *
 * @param responseCount 0 when suppressed
 * @param budgetRemaining the project's privacy budget left today
 */
public record SurveyResults(List<QuestionResult> questions, long responseCount, boolean responseCountSuppressed,
    int kThreshold, boolean noisy, double epsilonSpent, double budgetRemaining) {

  /** One question's counts, one per option or rating value, in order. */
  public record QuestionResult(String questionId, List<OptionCount> counts) {}

  /** One answer value's count; 0 when suppressed. */
  public record OptionCount(String label, boolean suppressed, long count) {}
}
