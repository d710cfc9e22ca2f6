package org.custody.analytics.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every SurveyStore must do; run against the in-memory fake and the jOOQ store. */
public abstract class SurveyStoreContract {
  private static int surveys;

  protected abstract SurveyStore store();

  private Survey newSurvey() {
    Survey survey = new Survey("acme", "s" + (++surveys) + "-" + System.nanoTime() % 100000, "Feedback", List.of(
        new Question("color", "Favourite colour?", QuestionKind.CHOICE, List.of("red", "green", "blue"), 0, 0),
        new Question("score", "How likely?", QuestionKind.RATING, List.of(), 0, 10)),
        Instant.parse("2026-01-01T10:00:00Z"));
    store().create(survey);
    return survey;
  }

  @Test
  void find_returnsTheSurveyAsCreated() {
    Survey survey = newSurvey();
    assertThat(store().find("acme", survey.surveyId())).contains(survey);
    assertThat(store().find("acme", "missing")).isEmpty();
    assertThat(store().find("other", survey.surveyId())).isEmpty();
  }

  @Test
  void tally_countsResponsesAndAnswerValues() {
    Survey survey = newSurvey();
    LocalDate day = LocalDate.parse("2026-01-02");
    store().addResponse("acme", survey.surveyId(), Optional.empty(), day,
        List.of(new StoredAnswer("color", 2, null), new StoredAnswer("score", null, 9)));
    store().addResponse("acme", survey.surveyId(), Optional.empty(), day, List.of(new StoredAnswer("color", 2, null)));
    SurveyTally tally = store().tally("acme", survey.surveyId());
    assertThat(tally.responses()).isEqualTo(2);
    assertThat(tally.count("color", 2)).isEqualTo(2);
    assertThat(tally.count("color", 0)).isZero();
    assertThat(tally.count("score", 9)).isEqualTo(1);
  }

  @Test
  void responsesOf_andDeleteResponsesOf_findOnlyThatPseudonym() {
    Survey survey = newSurvey();
    byte[] jane = new byte[32];
    jane[0] = 7;
    byte[] john = new byte[32];
    john[0] = 8;
    LocalDate day = LocalDate.parse("2026-01-03");
    long id = store().addResponse("acme", survey.surveyId(), Optional.of(jane), day, List.of(new StoredAnswer("score", null, 3)));
    store().addResponse("acme", survey.surveyId(), Optional.of(john), day, List.of(new StoredAnswer("score", null, 4)));
    assertThat(store().responsesOf(jane)).containsExactly(
        new StoredResponse(id, "acme", survey.surveyId(), day, List.of(new StoredAnswer("score", null, 3))));
    assertThat(store().deleteResponsesOf(jane)).isEqualTo(1);
    assertThat(store().responsesOf(jane)).isEmpty();
    assertThat(store().deleteResponsesOf(jane)).isZero();
    assertThat(store().responsesOf(john)).hasSize(1);
    assertThat(store().tally("acme", survey.surveyId()).responses()).isEqualTo(1);
  }
}
