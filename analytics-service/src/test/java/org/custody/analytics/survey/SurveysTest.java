package org.custody.analytics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.custody.analytics.budget.InMemoryBudgetStore;
import org.custody.analytics.budget.PrivacyBudgets;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.testing.CountingMetrics;
import org.custody.analytics.testing.ZeroNoise;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class SurveysTest {
  private final MutableClock clock = MutableClock.at("2026-04-01T10:00:00Z");
  private final InMemorySurveyStore store = new InMemorySurveyStore();
  private final byte[] key = new byte[32];
  private final RespondentPseudonyms pseudonyms = new RespondentPseudonyms(key);
  private final CountingMetrics metrics = new CountingMetrics();
  private final ZeroNoise noise = new ZeroNoise();
  private final Surveys surveys = new Surveys(store, pseudonyms, new PrivacyBudgets(new InMemoryBudgetStore(), clock, 10, metrics),
      noise, new KThreshold(10), clock, new SecureRandom(), metrics);

  private Survey create() {
    return surveys.create("acme", new SurveyDraft("Feedback", List.of(
        new Question("color", "Favourite colour?", QuestionKind.CHOICE, List.of("red", "green", "blue"), 0, 0),
        new Question("score", "How likely?", QuestionKind.RATING, List.of(), 1, 5))));
  }

  private void respond(Survey survey, int times, String color, int score) {
    for (int i = 0; i < times; i++) {
      surveys.submit("acme", survey.surveyId(), List.of(new Answer("color", color, null), new Answer("score", null, score)),
          Optional.empty());
    }
  }

  @Test
  void create_checksWhatTheContractCannot() {
    assertThatThrownBy(() -> surveys.create("acme", new SurveyDraft("x", List.of(
        new Question("q", "one option?", QuestionKind.CHOICE, List.of("only"), 0, 0),
        new Question("q", "inverted", QuestionKind.RATING, List.of(), 5, 1)))))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
            .containsExactly("survey.questions[0].options", "survey.questions[1].question_id", "survey.questions[1].rating_max"));
  }

  @Test
  void create_thenGet_returnsTheSurvey_withAGeneratedId() {
    Survey survey = create();
    assertThat(survey.surveyId()).matches("[a-z0-9]{12}");
    assertThat(surveys.get("acme", survey.surveyId())).isEqualTo(survey);
    assertThatThrownBy(() -> surveys.get("acme", "nope"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("SURVEY_NOT_FOUND"));
  }

  @Test
  void submit_invalidAnswers_areRefusedField_byField() {
    Survey survey = create();
    assertThatThrownBy(() -> surveys.submit("acme", survey.surveyId(), List.of(
        new Answer("color", "purple", null),
        new Answer("score", null, 9),
        new Answer("nope", "x", null),
        new Answer("color", "red", null)), Optional.of("projects/globex/accounts/jane")))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
            .containsExactly("answers[0].option", "answers[1].rating", "answers[2].question_id", "answers[3].question_id", "respondent"));
    assertThat(store.tally("acme", survey.surveyId()).responses()).isZero();
  }

  @Test
  void P5_submit_withRespondent_storesOnlyTheKeyedPseudonym() {
    Survey survey = create();
    surveys.submit("acme", survey.surveyId(), List.of(new Answer("score", null, 4)), Optional.of("projects/acme/accounts/jane"));
    surveys.submit("acme", survey.surveyId(), List.of(new Answer("score", null, 5)), Optional.empty());
    List<byte[]> stored = store.pseudonyms();
    assertThat(stored.get(0)).isEqualTo(pseudonyms.of("projects/acme/accounts/jane")).hasSize(32);
    assertThat(new String(stored.get(0), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("jane");
    assertThat(stored.get(1)).isNull();
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThat(new RespondentPseudonyms(otherKey).of("projects/acme/accounts/jane")).isNotEqualTo(stored.get(0));
  }

  @Test
  void P5_results_areAggregateOnly_withSmallCountsAndTheirComplementSuppressed() {
    Survey survey = create();
    respond(survey, 30, "red", 5);
    respond(survey, 12, "green", 4);
    respond(survey, 2, "blue", 4);
    SurveyResults results = surveys.results("acme", survey.surveyId(), 0, Purpose.SERVICE_IMPROVEMENT);
    assertThat(results.responseCount()).isEqualTo(44);
    assertThat(results.questions().get(0).counts()).containsExactly(
        new SurveyResults.OptionCount("red", false, 30),
        new SurveyResults.OptionCount("green", true, 0),   // the complement of blue's 2
        new SurveyResults.OptionCount("blue", true, 0));
    assertThat(results.questions().get(1).counts()).containsExactly(
        new SurveyResults.OptionCount("1", true, 0),
        new SurveyResults.OptionCount("2", true, 0),
        new SurveyResults.OptionCount("3", true, 0),
        new SurveyResults.OptionCount("4", false, 14),
        new SurveyResults.OptionCount("5", false, 30));
    assertThat(metrics.suppressed.get(org.custody.analytics.metrics.AnalyticsMetrics.QueryKind.SURVEY)).isEqualTo(5);
  }

  @Test
  void P5_results_fewerResponsesThanK_hideEverything() {
    Survey survey = create();
    respond(survey, 9, "red", 5);
    SurveyResults results = surveys.results("acme", survey.surveyId(), 0, Purpose.SERVICE_IMPROVEMENT);
    assertThat(results.responseCountSuppressed()).isTrue();
    assertThat(results.responseCount()).isZero();
    assertThat(results.questions()).allSatisfy(q -> assertThat(q.counts()).allMatch(SurveyResults.OptionCount::suppressed));
  }

  @Test
  void P6_results_forResearch_mustBeNoisy_andSpendTheBudget() {
    Survey survey = create();
    respond(survey, 20, "red", 5);
    assertThatThrownBy(() -> surveys.results("acme", survey.surveyId(), 0, Purpose.RESEARCH))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("NOISY_MODE_REQUIRED"));
    SurveyResults results = surveys.results("acme", survey.surveyId(), 1.5, Purpose.RESEARCH);
    assertThat(results.noisy()).isTrue();
    assertThat(results.budgetRemaining()).isEqualTo(8.5);
    assertThat(noise.draws).isEqualTo(1 + 3 + 5);
    assertThat(results.responseCount()).isEqualTo(20);
  }
}
