package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.SURVEY;
import static org.custody.analytics.store.generated.Tables.SURVEY_ANSWER;
import static org.custody.analytics.store.generated.Tables.SURVEY_OPTION;
import static org.custody.analytics.store.generated.Tables.SURVEY_QUESTION;
import static org.custody.analytics.store.generated.Tables.SURVEY_RESPONSE;
import static org.jooq.impl.DSL.count;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.analytics.survey.Question;
import org.custody.analytics.survey.QuestionKind;
import org.custody.analytics.survey.StoredAnswer;
import org.custody.analytics.survey.StoredResponse;
import org.custody.analytics.survey.Survey;
import org.custody.analytics.survey.SurveyStore;
import org.custody.analytics.survey.SurveyTally;
import org.custody.analytics.store.generated.tables.records.SurveyAnswerRecord;
import org.custody.analytics.store.generated.tables.records.SurveyQuestionRecord;
import org.custody.analytics.store.generated.tables.records.SurveyRecord;
import org.custody.analytics.store.generated.tables.records.SurveyResponseRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Surveys, their questions and options, and responses with their answers. */
final class JooqSurveyStore implements SurveyStore {
  private final ThreadBoundTransactions db;
  private final DSLContext dsl;

  JooqSurveyStore(ThreadBoundTransactions db) {
    this.db = db;
    this.dsl = db.dsl();
  }

  @Override
  public void create(Survey survey) {
    try {
      db.run(() -> {
        DSLContext tx = db.dsl();
        tx.insertInto(SURVEY)
            .set(SURVEY.PROJECT_ID, survey.projectId())
            .set(SURVEY.SURVEY_ID, survey.surveyId())
            .set(SURVEY.TITLE, survey.title())
            .set(SURVEY.CREATE_TIME, survey.createTime())
            .execute();
        for (int i = 0; i < survey.questions().size(); i++) {
          Question q = survey.questions().get(i);
          tx.insertInto(SURVEY_QUESTION)
              .set(SURVEY_QUESTION.PROJECT_ID, survey.projectId())
              .set(SURVEY_QUESTION.SURVEY_ID, survey.surveyId())
              .set(SURVEY_QUESTION.QUESTION_INDEX, i)
              .set(SURVEY_QUESTION.QUESTION_ID, q.id())
              .set(SURVEY_QUESTION.QUESTION_TEXT, q.text())
              .set(SURVEY_QUESTION.KIND, q.kind().name())
              .set(SURVEY_QUESTION.RATING_MIN, q.ratingMin())
              .set(SURVEY_QUESTION.RATING_MAX, q.ratingMax())
              .execute();
          for (int o = 0; o < q.options().size(); o++) {
            tx.insertInto(SURVEY_OPTION)
                .set(SURVEY_OPTION.PROJECT_ID, survey.projectId())
                .set(SURVEY_OPTION.SURVEY_ID, survey.surveyId())
                .set(SURVEY_OPTION.QUESTION_ID, q.id())
                .set(SURVEY_OPTION.OPTION_INDEX, o)
                .set(SURVEY_OPTION.OPTION_TEXT, q.options().get(o))
                .execute();
          }
        }
      });
    } catch (IntegrityConstraintViolationException e) {
      throw DomainException.of(ErrorKind.ALREADY_EXISTS, "SURVEY_ALREADY_EXISTS", "the survey already exists");
    }
  }

  @Override
  public Optional<Survey> find(String projectId, String surveyId) {
    SurveyRecord survey = dsl.selectFrom(SURVEY)
        .where(SURVEY.PROJECT_ID.eq(projectId), SURVEY.SURVEY_ID.eq(surveyId))
        .fetchOne();
    if (survey == null) {
      return Optional.empty();
    }
    Map<String, List<String>> options = new HashMap<>();
    dsl.selectFrom(SURVEY_OPTION)
        .where(SURVEY_OPTION.PROJECT_ID.eq(projectId), SURVEY_OPTION.SURVEY_ID.eq(surveyId))
        .orderBy(SURVEY_OPTION.QUESTION_ID, SURVEY_OPTION.OPTION_INDEX)
        .forEach(o -> options.computeIfAbsent(o.getQuestionId(), k -> new ArrayList<>()).add(o.getOptionText()));
    List<Question> questions = new ArrayList<>();
    for (SurveyQuestionRecord q : dsl.selectFrom(SURVEY_QUESTION)
        .where(SURVEY_QUESTION.PROJECT_ID.eq(projectId), SURVEY_QUESTION.SURVEY_ID.eq(surveyId))
        .orderBy(SURVEY_QUESTION.QUESTION_INDEX)
        .fetch()) {
      questions.add(new Question(q.getQuestionId(), q.getQuestionText(), QuestionKind.valueOf(q.getKind()),
          options.getOrDefault(q.getQuestionId(), List.of()), q.getRatingMin(), q.getRatingMax()));
    }
    return Optional.of(new Survey(projectId, surveyId, survey.getTitle(), questions, survey.getCreateTime()));
  }

  @Override
  public long addResponse(String projectId, String surveyId, Optional<byte[]> respondentPseudonym, LocalDate submitDate,
      List<StoredAnswer> answers) {
    return db.inTransaction(() -> {
      DSLContext tx = db.dsl();
      tx.insertInto(SURVEY_RESPONSE)
          .set(SURVEY_RESPONSE.PROJECT_ID, projectId)
          .set(SURVEY_RESPONSE.SURVEY_ID, surveyId)
          .set(SURVEY_RESPONSE.RESPONDENT_PSEUDONYM, respondentPseudonym.orElse(null))
          .set(SURVEY_RESPONSE.SUBMIT_DATE, submitDate)
          .execute();
      // Not RETURNING: the MySQL driver cannot read MariaDB's INSERT ... RETURNING result.
      long responseId = tx.lastID().longValue();
      if (!answers.isEmpty()) {
        var insert = tx.insertInto(SURVEY_ANSWER, SURVEY_ANSWER.RESPONSE_ID, SURVEY_ANSWER.PROJECT_ID, SURVEY_ANSWER.SURVEY_ID,
            SURVEY_ANSWER.QUESTION_ID, SURVEY_ANSWER.OPTION_INDEX, SURVEY_ANSWER.RATING);
        for (StoredAnswer answer : answers) {
          insert = insert.values(responseId, projectId, surveyId, answer.questionId(), answer.optionIndex(), answer.rating());
        }
        insert.execute();
      }
      return responseId;
    });
  }

  @Override
  public SurveyTally tally(String projectId, String surveyId) {
    long responses = dsl.selectCount().from(SURVEY_RESPONSE)
        .where(SURVEY_RESPONSE.PROJECT_ID.eq(projectId), SURVEY_RESPONSE.SURVEY_ID.eq(surveyId))
        .fetchSingle().value1();
    Map<String, Map<Integer, Long>> counts = new HashMap<>();
    var value = org.jooq.impl.DSL.coalesce(SURVEY_ANSWER.OPTION_INDEX, SURVEY_ANSWER.RATING);
    for (Record3<String, Integer, Integer> r : dsl.select(SURVEY_ANSWER.QUESTION_ID, value, count())
        .from(SURVEY_ANSWER)
        .where(SURVEY_ANSWER.PROJECT_ID.eq(projectId), SURVEY_ANSWER.SURVEY_ID.eq(surveyId))
        .groupBy(SURVEY_ANSWER.QUESTION_ID, value)
        .fetch()) {
      counts.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3().longValue());
    }
    return new SurveyTally(responses, counts);
  }

  @Override
  public List<StoredResponse> responsesOf(byte[] respondentPseudonym) {
    Map<Long, SurveyResponseRecord> responses = new LinkedHashMap<>();
    dsl.selectFrom(SURVEY_RESPONSE)
        .where(SURVEY_RESPONSE.RESPONDENT_PSEUDONYM.eq(respondentPseudonym))
        .orderBy(SURVEY_RESPONSE.RESPONSE_ID)
        .forEach(r -> responses.put(r.getResponseId(), r));
    if (responses.isEmpty()) {
      return List.of();
    }
    Map<Long, List<StoredAnswer>> answers = new HashMap<>();
    for (SurveyAnswerRecord a : dsl.selectFrom(SURVEY_ANSWER)
        .where(SURVEY_ANSWER.RESPONSE_ID.in(responses.keySet()))
        .orderBy(SURVEY_ANSWER.RESPONSE_ID, SURVEY_ANSWER.QUESTION_ID)
        .fetch()) {
      answers.computeIfAbsent(a.getResponseId(), k -> new ArrayList<>())
          .add(new StoredAnswer(a.getQuestionId(), a.getOptionIndex(), a.getRating()));
    }
    List<StoredResponse> result = new ArrayList<>();
    for (SurveyResponseRecord r : responses.values()) {
      result.add(new StoredResponse(r.getResponseId(), r.getProjectId(), r.getSurveyId(), r.getSubmitDate(),
          answers.getOrDefault(r.getResponseId(), List.of())));
    }
    return result;
  }

  @Override
  public int deleteResponsesOf(byte[] respondentPseudonym) {
    return db.inTransaction(() -> {
      DSLContext tx = db.dsl();
      List<Long> ids = tx.select(SURVEY_RESPONSE.RESPONSE_ID).from(SURVEY_RESPONSE)
          .where(SURVEY_RESPONSE.RESPONDENT_PSEUDONYM.eq(respondentPseudonym))
          .forUpdate()
          .fetch(SURVEY_RESPONSE.RESPONSE_ID);
      if (ids.isEmpty()) {
        return 0;
      }
      tx.deleteFrom(SURVEY_ANSWER).where(SURVEY_ANSWER.RESPONSE_ID.in(ids)).execute();
      return tx.deleteFrom(SURVEY_RESPONSE).where(SURVEY_RESPONSE.RESPONSE_ID.in(ids)).execute();
    });
  }
}
