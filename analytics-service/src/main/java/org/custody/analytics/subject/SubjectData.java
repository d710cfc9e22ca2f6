package org.custody.analytics.subject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custody.analytics.survey.Question;
import org.custody.analytics.survey.StoredAnswer;
import org.custody.analytics.survey.StoredResponse;
import org.custody.analytics.survey.Survey;
import org.custody.analytics.survey.SurveyStore;
import org.custody.analytics.survey.RespondentPseudonyms;
import org.custody.platform.classification.DataCategory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subject-rights side of analytics (P13). Page statistics hold nothing about anyone (only
 * aggregates over hashes whose salts are destroyed), so what a subject has here are the survey
 * responses they submitted under their account, found through the keyed pseudonym of that
 * account. Export returns them, labelled; erase deletes them.
 */
public final class SubjectData {
  private static final Logger log = LoggerFactory.getLogger(SubjectData.class);

  private final SurveyStore surveys;
  private final RespondentPseudonyms pseudonyms;
  private final Clock clock;

  public SubjectData(SurveyStore surveys, RespondentPseudonyms pseudonyms, Clock clock) {
    this.surveys = surveys;
    this.pseudonyms = pseudonyms;
    this.clock = clock;
  }

  /**
   * The subject's records, keeping only values of {@code categories} (all when empty); a
   * record left with no values is left out.
   *
   * @param disclosure the approved disclosure this export serves, if any (logged)
   */
  public List<ExportedRecord> export(Subject subject, Set<DataCategory> categories, Optional<String> disclosure) {
    List<ExportedRecord> records = new ArrayList<>();
    if (subject.account().isPresent()) {
      byte[] pseudonym = pseudonyms.of(subject.account().get());
      String pseudonymHex = HexFormat.of().formatHex(pseudonym);
      Map<String, Survey> definitions = new HashMap<>();
      for (StoredResponse response : surveys.responsesOf(pseudonym)) {
        Survey survey = definitions.computeIfAbsent(response.projectId() + "/" + response.surveyId(),
            key -> surveys.find(response.projectId(), response.surveyId()).orElse(null));
        List<ExportedRecord.Field> fields = new ArrayList<>();
        fields.add(new ExportedRecord.Field("respondent_pseudonym", DataCategory.USER_UNIQUE_ID_PSEUDONYMOUS, pseudonymHex));
        fields.add(new ExportedRecord.Field("submit_date", DataCategory.USER_CONTENT_PRIVATE, response.submitDate().toString()));
        Map<String, Question> questions = survey == null ? Map.of()
            : survey.questions().stream().collect(Collectors.toMap(Question::id, Function.identity()));
        for (StoredAnswer answer : response.answers()) {
          fields.add(new ExportedRecord.Field("answers." + answer.questionId(), DataCategory.USER_CONTENT_PRIVATE,
              label(questions.get(answer.questionId()), answer)));
        }
        List<ExportedRecord.Field> kept = fields.stream()
            .filter(f -> categories.isEmpty() || categories.contains(f.category())).toList();
        if (!kept.isEmpty()) {
          records.add(new ExportedRecord(ErasureReceipt.SURVEY_RESPONSE, responseName(response), kept));
        }
      }
    }
    log.info("subject export served records={} disclosure={}", records.size(), disclosure.orElse("none"));
    return records;
  }

  /** Deletes the subject's survey responses. */
  public ErasureReceipt erase(Subject subject, Optional<String> erasure) {
    int erased = subject.account().map(account -> surveys.deleteResponsesOf(pseudonyms.of(account))).orElse(0);
    ErasureReceipt receipt = new ErasureReceipt(UUID.randomUUID().toString(), erasure, clock.instant(), erased);
    log.info("subject erasure done receipt={} erasure={} surveyResponses={}", receipt.receiptId(), erasure.orElse("none"), erased);
    return receipt;
  }

  private static String responseName(StoredResponse response) {
    return "projects/" + response.projectId() + "/surveys/" + response.surveyId() + "/responses/" + response.responseId();
  }

  private static String label(Question question, StoredAnswer answer) {
    if (answer.rating() != null) {
      return Integer.toString(answer.rating());
    }
    if (question != null && answer.optionIndex() < question.options().size()) {
      return question.options().get(answer.optionIndex());
    }
    return "option " + answer.optionIndex();
  }
}
