package org.custody.analytics.api;

import java.util.ArrayList;
import java.util.List;
import org.custody.analytics.survey.Answer;
import org.custody.analytics.survey.Question;
import org.custody.analytics.survey.QuestionKind;
import org.custody.analytics.survey.Survey;
import org.custody.analytics.survey.SurveyDraft;
import org.custody.analytics.survey.SurveyResults;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.analytics.v1.GetSurveyResultsResponse;
import org.custody.proto.analytics.v1.OptionCount;
import org.custody.proto.analytics.v1.QuestionResult;

/** Surveys between the contract and the domain. */
final class SurveyMapper {
  private SurveyMapper() {}

  static SurveyDraft draft(org.custody.proto.analytics.v1.Survey survey) {
    List<Question> questions = new ArrayList<>();
    for (org.custody.proto.analytics.v1.Question q : survey.getQuestionsList()) {
      questions.add(new Question(q.getQuestionId(), q.getText(),
          q.getKind() == org.custody.proto.analytics.v1.QuestionKind.QUESTION_KIND_RATING ? QuestionKind.RATING : QuestionKind.CHOICE,
          q.getOptionsList(), q.getRatingMin(), q.getRatingMax()));
    }
    return new SurveyDraft(survey.getTitle(), questions);
  }

  static org.custody.proto.analytics.v1.Survey toProto(Survey survey) {
    org.custody.proto.analytics.v1.Survey.Builder builder = org.custody.proto.analytics.v1.Survey.newBuilder()
        .setName(name(survey.projectId(), survey.surveyId()))
        .setTitle(survey.title())
        .setCreateTime(ProtoTimes.timestamp(survey.createTime()));
    for (Question q : survey.questions()) {
      builder.addQuestions(org.custody.proto.analytics.v1.Question.newBuilder()
          .setQuestionId(q.id())
          .setText(q.text())
          .setKind(q.kind() == QuestionKind.RATING
              ? org.custody.proto.analytics.v1.QuestionKind.QUESTION_KIND_RATING
              : org.custody.proto.analytics.v1.QuestionKind.QUESTION_KIND_CHOICE)
          .addAllOptions(q.options())
          .setRatingMin(q.ratingMin())
          .setRatingMax(q.ratingMax()));
    }
    return builder.build();
  }

  static List<Answer> answers(List<org.custody.proto.analytics.v1.Answer> answers) {
    List<Answer> result = new ArrayList<>(answers.size());
    for (org.custody.proto.analytics.v1.Answer a : answers) {
      result.add(new Answer(a.getQuestionId(),
          a.getValueCase() == org.custody.proto.analytics.v1.Answer.ValueCase.OPTION ? a.getOption() : null,
          a.getValueCase() == org.custody.proto.analytics.v1.Answer.ValueCase.RATING ? a.getRating() : null));
    }
    return result;
  }

  static GetSurveyResultsResponse results(SurveyResults results) {
    GetSurveyResultsResponse.Builder builder = GetSurveyResultsResponse.newBuilder()
        .setResponseCount(results.responseCount())
        .setResponseCountSuppressed(results.responseCountSuppressed())
        .setKThreshold(results.kThreshold())
        .setNoisy(results.noisy())
        .setEpsilonSpent(results.epsilonSpent())
        .setBudgetRemaining(results.budgetRemaining());
    for (SurveyResults.QuestionResult q : results.questions()) {
      QuestionResult.Builder question = QuestionResult.newBuilder().setQuestionId(q.questionId());
      for (SurveyResults.OptionCount c : q.counts()) {
        question.addCounts(OptionCount.newBuilder().setOption(c.label()).setSuppressed(c.suppressed()).setCount(c.count()));
      }
      builder.addResults(question);
    }
    return builder.build();
  }

  static String name(String projectId, String surveyId) {
    return "projects/" + projectId + "/surveys/" + surveyId;
  }
}
