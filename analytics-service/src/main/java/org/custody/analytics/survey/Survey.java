package org.custody.analytics.survey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A survey of choice and rating questions (P5). */
public record Survey(String projectId, String surveyId, String title, List<Question> questions, Instant createTime) {
  public Survey {
    questions = List.copyOf(questions);
  }

  public Optional<Question> question(String questionId) {
    return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
  }
}
