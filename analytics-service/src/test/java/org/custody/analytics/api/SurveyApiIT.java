package org.custody.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.DatabaseCells;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.analytics.v1.Answer;
import org.custody.proto.analytics.v1.CreateSurveyRequest;
import org.custody.proto.analytics.v1.GetSurveyRequest;
import org.custody.proto.analytics.v1.GetSurveyResultsRequest;
import org.custody.proto.analytics.v1.GetSurveyResultsResponse;
import org.custody.proto.analytics.v1.OptionCount;
import org.custody.proto.analytics.v1.Question;
import org.custody.proto.analytics.v1.QuestionKind;
import org.custody.proto.analytics.v1.SubmitSurveyResponseRequest;
import org.custody.proto.analytics.v1.Survey;
import org.custody.proto.analytics.v1.SurveyServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class SurveyApiIT {
  private static ServiceHarness harness;
  private static DatabaseSettings database;
  private static SurveyServiceGrpc.SurveyServiceBlockingStub operator;
  private static SurveyServiceGrpc.SurveyServiceBlockingStub frontend;

  @BeforeAll
  static void start(DatabaseSettings settings) {
    database = settings;
    harness = AnalyticsTestServer.start(settings, MutableClock.at("2026-08-01T10:00:00.123456Z"));
    operator = harness.stub(SurveyServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT);
    frontend = harness.stub(SurveyServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT)
        .withInterceptors(AnalyticsTestServer.signedIn());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static Survey create() {
    return operator.createSurvey(CreateSurveyRequest.newBuilder().setParent("projects/acme").setSurvey(Survey.newBuilder()
        .setTitle("How was support?")
        .addQuestions(Question.newBuilder().setQuestionId("channel").setText("How did you reach us?")
            .setKind(QuestionKind.QUESTION_KIND_CHOICE).addAllOptions(List.of("mail", "chat", "phone")))
        .addQuestions(Question.newBuilder().setQuestionId("score").setText("Rate us")
            .setKind(QuestionKind.QUESTION_KIND_RATING).setRatingMin(1).setRatingMax(3)))
        .build()).getSurvey();
  }

  private static SubmitSurveyResponseRequest response(Survey survey, String channel, int score, String respondent) {
    SubmitSurveyResponseRequest.Builder request = SubmitSurveyResponseRequest.newBuilder().setSurvey(survey.getName())
        .addAnswers(Answer.newBuilder().setQuestionId("channel").setOption(channel))
        .addAnswers(Answer.newBuilder().setQuestionId("score").setRating(score));
    if (respondent != null) {
      request.setRespondent(respondent);
    }
    return request.build();
  }

  private static ErrorDetails failure(Runnable call) {
    return ErrorDetails.ofFailure(call);
  }

  @Test
  void createSurvey_thenGetSurvey_fromTheFrontEnd() {
    Survey survey = create();
    assertThat(survey.getName()).matches("projects/acme/surveys/[a-z0-9]{12}");
    // Read back as created, to the microsecond (DATETIME(6) keeps them, on MariaDB 10.x too).
    assertThat(survey.getCreateTime().getNanos()).isEqualTo(123_456_000);
    assertThat(frontend.getSurvey(GetSurveyRequest.newBuilder().setName(survey.getName()).build()).getSurvey()).isEqualTo(survey);
    assertThat(failure(() -> frontend.getSurvey(GetSurveyRequest.newBuilder().setName("projects/acme/surveys/none").build())).code())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void createSurvey_badQuestions_areFieldViolations() {
    ErrorDetails error = failure(() -> operator.createSurvey(CreateSurveyRequest.newBuilder().setParent("projects/acme")
        .setSurvey(Survey.newBuilder().setTitle("x").addQuestions(Question.newBuilder().setQuestionId("q").setText("?")
            .setKind(QuestionKind.QUESTION_KIND_CHOICE).addOptions("only"))).build()));
    assertThat(error.violatedFields()).containsExactly("survey.questions[0].options");
  }

  @Test
  void P5_resultsAreAggregateOnly_withSmallCountsAndTheirComplementSuppressed() {
    Survey survey = create();
    for (int i = 0; i < 25; i++) {
      frontend.submitSurveyResponse(response(survey, "mail", 3, null));
    }
    for (int i = 0; i < 12; i++) {
      frontend.submitSurveyResponse(response(survey, "chat", 2, null));
    }
    frontend.submitSurveyResponse(response(survey, "phone", 2, "projects/acme/accounts/rare-caller"));
    GetSurveyResultsResponse results = operator.getSurveyResults(GetSurveyResultsRequest.newBuilder().setName(survey.getName()).build());
    assertThat(results.getResponseCount()).isEqualTo(38);
    assertThat(results.getKThreshold()).isEqualTo(10);
    assertThat(results.getResults(0).getCountsList()).containsExactly(
        OptionCount.newBuilder().setOption("mail").setCount(25).build(),
        OptionCount.newBuilder().setOption("chat").setSuppressed(true).build(),
        OptionCount.newBuilder().setOption("phone").setSuppressed(true).build());
    assertThat(results.getResults(1).getCountsList()).containsExactly(
        OptionCount.newBuilder().setOption("1").setSuppressed(true).build(),
        OptionCount.newBuilder().setOption("2").setCount(13).build(),
        OptionCount.newBuilder().setOption("3").setCount(25).build());
  }

  @Test
  void P5_fewerResponsesThanK_revealNothing() {
    Survey survey = create();
    for (int i = 0; i < 9; i++) {
      frontend.submitSurveyResponse(response(survey, "mail", 3, null));
    }
    GetSurveyResultsResponse results = operator.getSurveyResults(GetSurveyResultsRequest.newBuilder().setName(survey.getName()).build());
    assertThat(results.getResponseCountSuppressed()).isTrue();
    assertThat(results.getResponseCount()).isZero();
    assertThat(results.getResultsList()).allSatisfy(q -> assertThat(q.getCountsList()).allMatch(OptionCount::getSuppressed));
  }

  @Test
  void P5_respondentIsStoredOnlyAsAKeyedPseudonym() {
    Survey survey = create();
    frontend.submitSurveyResponse(response(survey, "chat", 1, "projects/acme/accounts/pseudonymised-person"));
    assertThat(DatabaseCells.containing(database, "pseudonymised-person")).isEmpty();
  }

  @Test
  void submitSurveyResponse_invalidAnswers_areFieldViolations_andRetriesCountOnce() {
    Survey survey = create();
    ErrorDetails error = failure(() -> frontend.submitSurveyResponse(response(survey, "fax", 7, "projects/globex/accounts/jane")));
    assertThat(error.violatedFields()).containsExactly("answers[0].option", "answers[1].rating", "respondent");
    SubmitSurveyResponseRequest retried = response(survey, "mail", 2, null).toBuilder().setRequestId(UUID.randomUUID().toString()).build();
    for (int i = 0; i < 12; i++) {
      frontend.submitSurveyResponse(retried);
    }
    for (int i = 0; i < 10; i++) {
      frontend.submitSurveyResponse(response(survey, "mail", 2, null));
    }
    assertThat(operator.getSurveyResults(GetSurveyResultsRequest.newBuilder().setName(survey.getName()).build()).getResponseCount())
        .isEqualTo(11);
  }

  @Test
  void P6_researchResults_mustBeNoisy_andSpendTheBudget() {
    Survey survey = create();
    SurveyServiceGrpc.SurveyServiceBlockingStub researcher =
        harness.stub(SurveyServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.RESEARCH);
    GetSurveyResultsRequest exact = GetSurveyResultsRequest.newBuilder().setName(survey.getName()).build();
    assertThat(failure(() -> researcher.getSurveyResults(exact)).reason()).isEqualTo("NOISY_MODE_REQUIRED");
    GetSurveyResultsResponse noisy = researcher.getSurveyResults(exact.toBuilder().setEpsilon(1).build());
    assertThat(noisy.getNoisy()).isTrue();
    assertThat(noisy.getEpsilonSpent()).isEqualTo(1);
    assertThat(noisy.getBudgetRemaining()).isEqualTo(9);
  }

  @Test
  void P6_theFrontEndCannotReadResults() {
    Survey survey = create();
    ErrorDetails error = failure(() -> frontend.getSurveyResults(GetSurveyResultsRequest.newBuilder().setName(survey.getName()).build()));
    assertThat(error.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }
}
