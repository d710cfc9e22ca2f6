package org.custody.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.UUID;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.analytics.v1.Answer;
import org.custody.proto.analytics.v1.CreateSurveyRequest;
import org.custody.proto.analytics.v1.Question;
import org.custody.proto.analytics.v1.QuestionKind;
import org.custody.proto.analytics.v1.SubmitSurveyResponseRequest;
import org.custody.proto.analytics.v1.Survey;
import org.custody.proto.analytics.v1.SurveyServiceGrpc;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class SubjectDataApiIT {
  private static ServiceHarness harness;
  private static Survey survey;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = AnalyticsTestServer.start(database, MutableClock.at("2026-08-01T10:00:00Z"));
    survey = harness.stub(SurveyServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT)
        .createSurvey(CreateSurveyRequest.newBuilder().setParent("projects/acme").setSurvey(Survey.newBuilder().setTitle("t")
            .addQuestions(Question.newBuilder().setQuestionId("pick").setText("Pick one")
                .setKind(QuestionKind.QUESTION_KIND_CHOICE).addAllOptions(List.of("left", "right")))
            .addQuestions(Question.newBuilder().setQuestionId("rate").setText("Rate")
                .setKind(QuestionKind.QUESTION_KIND_RATING).setRatingMin(0).setRatingMax(10)))
            .build()).getSurvey();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static void submit(String respondent, String pick, int rate) {
    harness.stub(SurveyServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT).withInterceptors(AnalyticsTestServer.signedIn())
        .submitSurveyResponse(SubmitSurveyResponseRequest.newBuilder().setSurvey(survey.getName()).setRespondent(respondent)
            .addAnswers(Answer.newBuilder().setQuestionId("pick").setOption(pick))
            .addAnswers(Answer.newBuilder().setQuestionId("rate").setRating(rate))
            .build());
  }

  private static SubjectRef account(String id) {
    return SubjectRef.newBuilder().setProject("projects/acme").setAccount("projects/acme/accounts/" + id).build();
  }

  private static SubjectDataServiceGrpc.SubjectDataServiceBlockingStub disclosure(Purpose purpose) {
    return harness.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, purpose);
  }

  @Test
  void P13_export_returnsTheSubjectsResponses_labelled_andHonoursCategories() {
    submit("projects/acme/accounts/exporter", "right", 8);
    submit("projects/acme/accounts/someone-else", "left", 1);
    ExportSubjectDataResponse export = disclosure(Purpose.SUBJECT_REQUEST)
        .exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(account("exporter")).build());
    assertThat(export.getService()).isEqualTo("analytics");
    assertThat(export.getRecordsList()).singleElement().satisfies(record -> {
      assertThat(record.getKind()).isEqualTo("survey_response");
      assertThat(record.getName()).startsWith(survey.getName() + "/responses/");
      assertThat(record.getFieldsList()).contains(
          SubjectField.newBuilder().setName("answers.pick").setCategory(DataCategory.DATA_CATEGORY_USER_CONTENT_PRIVATE).setValue("right").build(),
          SubjectField.newBuilder().setName("answers.rate").setCategory(DataCategory.DATA_CATEGORY_USER_CONTENT_PRIVATE).setValue("8").build());
    });
    ExportSubjectDataResponse onlyPseudonyms = disclosure(Purpose.LEGAL_COMPLIANCE).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(account("exporter")).addCategories(DataCategory.DATA_CATEGORY_USER_UNIQUE_ID_PSEUDONYMOUS).build());
    assertThat(onlyPseudonyms.getRecords(0).getFieldsList()).extracting(SubjectField::getName).containsExactly("respondent_pseudonym");
    assertThat(disclosure(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(account("exporter")).addCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL).build()).getRecordsCount()).isZero();
  }

  @Test
  void P13_erase_deletesTheResponses_withAReceipt_andARetryReturnsTheFirstReceipt() {
    submit("projects/acme/accounts/eraser", "left", 3);
    submit("projects/acme/accounts/eraser", "right", 4);
    EraseSubjectDataRequest erase = EraseSubjectDataRequest.newBuilder().setSubject(account("eraser"))
        .setRequestId(UUID.randomUUID().toString()).setErasure("erasures/e-42").build();
    EraseSubjectDataResponse first = disclosure(Purpose.SUBJECT_REQUEST).eraseSubjectData(erase);
    assertThat(first.getReceipt().getService()).isEqualTo("analytics");
    assertThat(first.getReceipt().getErasure()).isEqualTo("erasures/e-42");
    assertThat(first.getReceipt().getErasedList()).singleElement().satisfies(item -> {
      assertThat(item.getKind()).isEqualTo("survey_response");
      assertThat(item.getCount()).isEqualTo(2);
    });
    assertThat(disclosure(Purpose.SUBJECT_REQUEST).eraseSubjectData(erase)).isEqualTo(first);
    assertThat(disclosure(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(account("eraser")).build()).getRecordsCount()).isZero();
    EraseSubjectDataResponse again = disclosure(Purpose.SUBJECT_REQUEST)
        .eraseSubjectData(erase.toBuilder().setRequestId(UUID.randomUUID().toString()).build());
    assertThat(again.getReceipt().getErased(0).getCount()).isZero();
  }

  @Test
  void exportSubjectData_subjectKnownByEmail_hasNoRecords() {
    assertThat(disclosure(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail("jane@example.com")).build()).getRecordsCount()).isZero();
  }

  @Test
  void P6_eraseIsOnlyForSubjectRequests() {
    try {
      disclosure(Purpose.LEGAL_COMPLIANCE).eraseSubjectData(EraseSubjectDataRequest.newBuilder().setSubject(account("x"))
          .setRequestId(UUID.randomUUID().toString()).build());
      throw new AssertionError("allowed");
    } catch (StatusRuntimeException e) {
      assertThat(ErrorDetails.of(e).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
  }
}
