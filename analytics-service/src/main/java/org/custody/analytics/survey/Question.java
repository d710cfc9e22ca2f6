package org.custody.analytics.survey;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A survey question.
 *
 * @param options a choice question's options (2 to 20); empty for a rating question
 * @param ratingMin a rating question's lowest rating; 0 for a choice question
 * @param ratingMax a rating question's highest rating; 0 for a choice question
 */
public record Question(String id, String text, QuestionKind kind, List<String> options, int ratingMin, int ratingMax) {
  public static final int MIN_OPTIONS = 2;
  public static final int MAX_OPTIONS = 20;

  public Question {
    options = List.copyOf(options);
  }

  /** The labels of the possible answers in order: the options, or each rating as text. */
  public List<String> answerLabels() {
    return kind == QuestionKind.CHOICE
        ? options
        : IntStream.rangeClosed(ratingMin, ratingMax).mapToObj(Integer::toString).toList();
  }
}
