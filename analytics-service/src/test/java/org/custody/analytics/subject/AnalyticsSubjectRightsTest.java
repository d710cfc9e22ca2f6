package org.custody.analytics.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.custody.analytics.survey.InMemorySurveyStore;
import org.custody.analytics.survey.Question;
import org.custody.analytics.survey.QuestionKind;
import org.custody.analytics.survey.RespondentPseudonyms;
import org.custody.analytics.survey.StoredAnswer;
import org.custody.analytics.survey.Survey;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.SubjectField;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class AnalyticsSubjectRightsTest {
  private static final String JANE = "projects/acme/accounts/jane";
  private static final Subject JANE_REF = Subject.account("projects/acme/accounts/jane");
  private final MutableClock clock = MutableClock.at("2026-04-01T10:00:00Z");
  private final InMemorySurveyStore store = new InMemorySurveyStore();
  private final RespondentPseudonyms pseudonyms = new RespondentPseudonyms(new byte[32]);
  private final AnalyticsSubjectRights subjects = new AnalyticsSubjectRights(store, pseudonyms, clock);

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
    List<SubjectRecord> records = subjects.export(JANE_REF, CategoryFilter.all(), Optional.empty());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).kind()).isEqualTo("survey_response");
    assertThat(records.get(0).name()).get().asString().startsWith("projects/acme/surveys/s1/responses/");
    assertThat(records.get(0).fields()).extracting(SubjectField::name, SubjectField::category, SubjectField::value)
        .contains(Tuple.tuple("answers.color", DataCategory.USER_CONTENT_PRIVATE, "green"),
            Tuple.tuple("submit_date", DataCategory.USER_CONTENT_PRIVATE, "2026-03-30"));
  }

  @Test
  void P13_export_honoursTheCategoryFilter() {
    janeAnswered();
    SubjectRecord pseudonymOnly = subjects.export(JANE_REF, CategoryFilter.of(Set.of(DataCategory.USER_UNIQUE_ID_PSEUDONYMOUS)),
        Optional.empty()).get(0);
    assertThat(pseudonymOnly.fields()).extracting(SubjectField::name).containsExactly("respondent_pseudonym");
    assertThat(pseudonymOnly.name()).as("names are identifiers, not asked for").isEmpty();
    assertThat(subjects.export(JANE_REF, CategoryFilter.of(Set.of(DataCategory.USER_CONTACT_EMAIL)), Optional.empty())).isEmpty();
  }

  @Test
  void P13_erase_deletesOnlyTheSubjectsResponses() {
    janeAnswered();
    ErasureReceipt receipt = subjects.erase(JANE_REF, Optional.of("erasures/e1"));
    assertThat(receipt.erased()).containsExactly(new ErasureReceipt.Erased("survey_response", 1));
    assertThat(receipt.erasure()).contains("erasures/e1");
    assertThat(subjects.export(JANE_REF, CategoryFilter.all(), Optional.empty())).isEmpty();
    assertThat(store.tally("acme", "s1").responses()).isEqualTo(1);
    assertThat(subjects.erase(JANE_REF, Optional.empty()).erased()).containsExactly(new ErasureReceipt.Erased("survey_response", 0));
  }

  @Test
  void export_subjectKnownOnlyByEmail_hasNothingHere() {
    janeAnswered();
    assertThat(subjects.export(Subject.email("projects/acme", "jane@example.com"), CategoryFilter.all(), Optional.empty())).isEmpty();
  }
}
