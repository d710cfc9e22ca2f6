package org.custody.analytics.subject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custody.analytics.survey.Question;
import org.custody.analytics.survey.RespondentPseudonyms;
import org.custody.analytics.survey.StoredAnswer;
import org.custody.analytics.survey.StoredResponse;
import org.custody.analytics.survey.Survey;
import org.custody.analytics.survey.SurveyStore;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.SubjectField;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.subject.SubjectRights;

/**
 * The subject-rights side of analytics (P13). Page statistics hold nothing about anyone (only
 * aggregates over hashes whose salts are destroyed), so what a subject has here are the survey
 * responses they submitted under their account, found through the keyed pseudonym of that
 * account. Export returns them, labelled; erase deletes them. A subject known only by e-mail has
 * nothing here.
 *
 * <p>Nothing here logs: the platform's adapter logs each request with counts and without the
 * subject (not even an account id may reach an analytics log).
 */
public final class AnalyticsSubjectRights implements SubjectRights {
  /** The kind of item erased, as named in receipts and exports. */
  public static final String SURVEY_RESPONSE = "survey_response";

  private final SurveyStore surveys;
  private final RespondentPseudonyms pseudonyms;
  private final Clock clock;

  public AnalyticsSubjectRights(SurveyStore surveys, RespondentPseudonyms pseudonyms, Clock clock) {
    this.surveys = surveys;
    this.pseudonyms = pseudonyms;
    this.clock = clock;
  }

  /**
   * The subject's records, keeping only values of the categories asked for; a record left with
   * no values is left out, and record names are shown only when identifiers are asked for.
   */
  @Override
  public List<SubjectRecord> export(Subject subject, CategoryFilter categories, Optional<String> disclosure) {
    List<SubjectRecord> records = new ArrayList<>();
    if (subject.account().isPresent()) {
      byte[] pseudonym = pseudonyms.of(subject.account().get());
      String pseudonymHex = HexFormat.of().formatHex(pseudonym);
      Map<String, Survey> definitions = new HashMap<>();
      for (StoredResponse response : surveys.responsesOf(pseudonym)) {
        Survey survey = definitions.computeIfAbsent(response.projectId() + "/" + response.surveyId(),
            key -> surveys.find(response.projectId(), response.surveyId()).orElse(null));
        List<SubjectField> fields = new ArrayList<>();
        fields.add(new SubjectField("respondent_pseudonym", DataCategory.USER_UNIQUE_ID_PSEUDONYMOUS, pseudonymHex));
        fields.add(new SubjectField("submit_date", DataCategory.USER_CONTENT_PRIVATE, response.submitDate().toString()));
        Map<String, Question> questions = survey == null ? Map.of()
            : survey.questions().stream().collect(Collectors.toMap(Question::id, Function.identity()));
        for (StoredAnswer answer : response.answers()) {
          fields.add(new SubjectField("answers." + answer.questionId(), DataCategory.USER_CONTENT_PRIVATE,
              label(questions.get(answer.questionId()), answer)));
        }
        List<SubjectField> kept = fields.stream().filter(f -> categories.includes(f.category())).toList();
        if (!kept.isEmpty()) {
          Optional<String> name = categories.includesNames() ? Optional.of(responseName(response)) : Optional.empty();
          records.add(new SubjectRecord(SURVEY_RESPONSE, name, kept));
        }
      }
    }
    return records;
  }

  /** Deletes the subject's survey responses. */
  @Override
  public ErasureReceipt erase(Subject subject, Optional<String> erasure) {
    int erased = subject.account().map(account -> surveys.deleteResponsesOf(pseudonyms.of(account))).orElse(0);
    return ErasureReceipt.of(UUID.randomUUID().toString(), erasure, clock.instant(),
        List.of(new ErasureReceipt.Erased(SURVEY_RESPONSE, erased)));
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
