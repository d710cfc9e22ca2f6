package org.custody.analytics.survey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/** A SurveyStore in memory, for unit tests. */
public final class InMemorySurveyStore implements SurveyStore {
  private record Row(long id, String projectId, String surveyId, byte[] pseudonym, LocalDate date, List<StoredAnswer> answers) {}

  private final Map<String, Survey> surveys = new HashMap<>();
  private final Map<Long, Row> responses = new LinkedHashMap<>();
  private long nextId = 1;

  @Override
  public synchronized void create(Survey survey) {
    if (surveys.putIfAbsent(survey.projectId() + "/" + survey.surveyId(), survey) != null) {
      throw DomainException.of(ErrorKind.ALREADY_EXISTS, "SURVEY_ALREADY_EXISTS", "the survey already exists");
    }
  }

  @Override
  public synchronized Optional<Survey> find(String projectId, String surveyId) {
    return Optional.ofNullable(surveys.get(projectId + "/" + surveyId));
  }

  @Override
  public synchronized long addResponse(String projectId, String surveyId, Optional<byte[]> respondentPseudonym,
      LocalDate submitDate, List<StoredAnswer> answers) {
    long id = nextId++;
    responses.put(id, new Row(id, projectId, surveyId, respondentPseudonym.orElse(null), submitDate, List.copyOf(answers)));
    return id;
  }

  @Override
  public synchronized SurveyTally tally(String projectId, String surveyId) {
    long count = 0;
    Map<String, Map<Integer, Long>> counts = new HashMap<>();
    for (Row row : responses.values()) {
      if (row.projectId().equals(projectId) && row.surveyId().equals(surveyId)) {
        count++;
        for (StoredAnswer answer : row.answers()) {
          counts.computeIfAbsent(answer.questionId(), k -> new HashMap<>()).merge(answer.value(), 1L, Long::sum);
        }
      }
    }
    return new SurveyTally(count, counts);
  }

  @Override
  public synchronized List<StoredResponse> responsesOf(byte[] respondentPseudonym) {
    List<StoredResponse> result = new ArrayList<>();
    for (Row row : responses.values()) {
      if (row.pseudonym() != null && Arrays.equals(row.pseudonym(), respondentPseudonym)) {
        result.add(new StoredResponse(row.id(), row.projectId(), row.surveyId(), row.date(), row.answers()));
      }
    }
    return result;
  }

  @Override
  public synchronized int deleteResponsesOf(byte[] respondentPseudonym) {
    int before = responses.size();
    responses.values().removeIf(row -> row.pseudonym() != null && Arrays.equals(row.pseudonym(), respondentPseudonym));
    return before - responses.size();
  }

  /** Every stored pseudonym (null for anonymous responses), for assertions. */
  public synchronized List<byte[]> pseudonyms() {
    return responses.values().stream().map(Row::pseudonym).toList();
  }
}
