package org.custody.analytics.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custody.analytics.survey.InMemorySurveyStore;
import org.custody.analytics.survey.Question;
import org.custody.analytics.survey.QuestionKind;
import org.custody.analytics.survey.RespondentPseudonyms;
import org.custody.analytics.survey.StoredAnswer;
import org.custody.analytics.survey.Survey;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class SubjectDataTest {
  private static final String JANE = "projects/acme/accounts/jane";
  private final MutableClock clock = MutableClock.at("2026-04-01T10:00:00Z");
  private final InMemorySurveyStore store = new InMemorySurveyStore();
  private final RespondentPseudonyms pseudonyms = new RespondentPseudonyms(new byte[32]);
  private final SubjectData subjects = new SubjectData(store, pseudonyms, clock);

  private void janeAnswered() {
    store.create(new Survey("acme", "s1", "Feedback", List.of(
        new Question("color", "Colour?", QuestionKind.CHOICE, List.of("red", "green"), 0, 0)), clock.instant()));
    store.addResponse("acme", "s1", Optional.of(pseudonyms.of(JANE)), LocalDate.parse("2026-03-30"),
        List.of(new StoredAnswer("color", 1, null)));
    store.addResponse("acme", "s1", Optional.of(pseudonyms.of("projects/acme/accounts/john")), LocalDate.parse("2026-03-30"),
        List.of(new StoredAnswer("color", 0, null)));
  }

  @Test
  void P13_export_returnsTheSubjectsResponses_labelled() {
    janeAnswered();
    List<ExportedRecord> records = subjects.export(new Subject("acme", Optional.of(JANE)), Set.of(), Optional.empty());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).kind()).isEqualTo("survey_response");
    assertThat(records.get(0).name()).startsWith("projects/acme/surveys/s1/responses/");
    assertThat(records.get(0).fields()).extracting(ExportedRecord.Field::name, ExportedRecord.Field::category, ExportedRecord.Field::value)
        .contains(org.assertj.core.groups.Tuple.tuple("answers.color", DataCategory.USER_CONTENT_PRIVATE, "green"),
            org.assertj.core.groups.Tuple.tuple("submit_date", DataCategory.USER_CONTENT_PRIVATE, "2026-03-30"));
  }

  @Test
  void P13_export_honoursTheCategoryFilter() {
    janeAnswered();
    Subject jane = new Subject("acme", Optional.of(JANE));
    assertThat(subjects.export(jane, Set.of(DataCategory.USER_UNIQUE_ID_PSEUDONYMOUS), Optional.empty()).get(0).fields())
        .extracting(ExportedRecord.Field::name).containsExactly("respondent_pseudonym");
    assertThat(subjects.export(jane, Set.of(DataCategory.USER_CONTACT_EMAIL), Optional.empty())).isEmpty();
  }

  @Test
  void P13_erase_deletesOnlyTheSubjectsResponses() {
    janeAnswered();
    Subject jane = new Subject("acme", Optional.of(JANE));
    ErasureReceipt receipt = subjects.erase(jane, Optional.of("erasures/e1"));
    assertThat(receipt.surveyResponsesErased()).isEqualTo(1);
    assertThat(receipt.erasure()).contains("erasures/e1");
    assertThat(subjects.export(jane, Set.of(), Optional.empty())).isEmpty();
    assertThat(store.tally("acme", "s1").responses()).isEqualTo(1);
    assertThat(subjects.erase(jane, Optional.empty()).surveyResponsesErased()).isZero();
  }

  @Test
  void export_subjectKnownOnlyByEmail_hasNothingHere() {
    janeAnswered();
    assertThat(subjects.export(new Subject("acme", Optional.empty()), Set.of(), Optional.empty())).isEmpty();
  }
}
