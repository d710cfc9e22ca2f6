package org.custody.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.analytics.testing.PageViews.view;

import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.Answer;
import org.custody.proto.analytics.v1.CreateSurveyRequest;
import org.custody.proto.analytics.v1.GetSurveyResultsRequest;
import org.custody.proto.analytics.v1.Granularity;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.analytics.v1.QueryReferrersRequest;
import org.custody.proto.analytics.v1.Question;
import org.custody.proto.analytics.v1.QuestionKind;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.SubmitSurveyResponseRequest;
import org.custody.proto.analytics.v1.Survey;
import org.custody.proto.analytics.v1.SurveyServiceGrpc;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No IP address, user agent, unnormalised URL, subject id or survey answer reaches a log line or
 * a metric label, through successes and failures alike; the domain metrics exist with
 * descriptions.
 */
@ExtendWith(FreshDatabase.class)
class NoPersonalDataInLogsIT {
  private static final String IP = "203.0.113.199";
  private static final String USER_AGENT = "LeakCanaryBrowser/1.0";
  private static final String EMAIL = "leak.canary@example.com";
  private static final String ACCOUNT = "projects/acme/accounts/leak-canary-account";
  private static final String QUERY_SECRET = "querySecretValue";

  @Test
  void P4_P5_noPersonalDataInLogsOrMetricLabels(DatabaseSettings database) {
    Instant now = Instant.parse("2026-09-01T12:00:00Z");
    try (LogCapture logs = LogCapture.start();
        ServiceHarness harness = AnalyticsTestServer.start(database, new MutableClock(now))) {
      var frontend = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT);
      var operator = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT);
      var researcher = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.RESEARCH);
      String url = "https://acme.example/users/" + EMAIL + "/reset/9f8e7d6c5b4a3921?q=" + QUERY_SECRET;
      RecordPageViewsRequest.Builder good = RecordPageViewsRequest.newBuilder().setProject("projects/acme");
      for (int v = 0; v < 12; v++) {
        good.addViews(view(url, "https://mail.example.net/read/" + EMAIL, now, IP.replace("199", "1" + v), USER_AGENT));
      }
      good.addViews(view(url, "", now, IP, USER_AGENT));
      frontend.recordPageViews(good.build());
      ignore(() -> frontend.recordPageViews(RecordPageViewsRequest.newBuilder().setProject("projects/acme")
          .addViews(view("ftp://" + EMAIL + "/" + QUERY_SECRET, "not a " + EMAIL, now, IP, USER_AGENT)).build()));
      ignore(() -> frontend.recordPageViews(RecordPageViewsRequest.newBuilder().setProject("projects/acme")
          .addViews(view("/x", "", now, "999.1.1." + QUERY_SECRET, USER_AGENT)).build()));
      operator.queryPageStatistics(QueryPageStatisticsRequest.newBuilder().setProject("projects/acme")
          .setStartDate("2026-09-01").setEndDate("2026-09-01").setGranularity(Granularity.GRANULARITY_TOTAL).build());
      researcher.queryReferrers(QueryReferrersRequest.newBuilder().setProject("projects/acme")
          .setStartDate("2026-09-01").setEndDate("2026-09-01").setEpsilon(0.5).build());
      ignore(() -> researcher.queryPageStatistics(QueryPageStatisticsRequest.newBuilder().setProject("projects/acme")
          .setStartDate("2026-09-01").setEndDate("2026-09-01").setEpsilon(10).build()));

      var surveys = harness.stub(SurveyServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_IMPROVEMENT);
      Survey survey = surveys.createSurvey(CreateSurveyRequest.newBuilder().setParent("projects/acme").setSurvey(Survey.newBuilder()
          .setTitle("t").addQuestions(Question.newBuilder().setQuestionId("q").setText("?").setKind(QuestionKind.QUESTION_KIND_CHOICE)
              .addAllOptions(List.of("SecretOptionA", "b")))).build()).getSurvey();
      harness.stub(SurveyServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT).withInterceptors(AnalyticsTestServer.signedIn())
          .submitSurveyResponse(SubmitSurveyResponseRequest.newBuilder().setSurvey(survey.getName()).setRespondent(ACCOUNT)
              .addAnswers(Answer.newBuilder().setQuestionId("q").setOption("SecretOptionA")).build());
      ignore(() -> harness.stub(SurveyServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_IMPROVEMENT)
          .withInterceptors(AnalyticsTestServer.signedIn()).submitSurveyResponse(SubmitSurveyResponseRequest.newBuilder().setSurvey(survey.getName()).setRespondent(ACCOUNT)
              .addAnswers(Answer.newBuilder().setQuestionId("q").setOption("Not" + QUERY_SECRET)).build()));
      surveys.getSurveyResults(GetSurveyResultsRequest.newBuilder().setName(survey.getName()).build());
      var subjects = harness.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, Purpose.SUBJECT_REQUEST);
      SubjectRef subject = SubjectRef.newBuilder().setProject("projects/acme").setAccount(ACCOUNT).build();
      subjects.exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject).build());
      subjects.eraseSubjectData(EraseSubjectDataRequest.newBuilder().setSubject(subject).setRequestId(UUID.randomUUID().toString()).build());

      String metrics = harness.scrapeMetrics();
      String logText = logs.text();
      assertThat(logText).isNotEmpty();
      for (String secret : List.of(IP, "203.0.113.1", USER_AGENT, EMAIL, "leak.canary", "9f8e7d6c5b4a3921", QUERY_SECRET,
          "mail.example.net/read", "leak-canary-account", "SecretOptionA", "/users/")) {
        assertThat(logText).as("logs").doesNotContain(secret);
        assertThat(metrics).as("metrics").doesNotContain(secret);
      }
      for (String name : List.of("custody_analytics_page_views_ingested", "custody_analytics_suppressed_rows",
          "custody_analytics_privacy_budget_spent_epsilon", "custody_analytics_privacy_budget_exhausted")) {
        assertThat(metrics).containsPattern("# HELP " + name + "_total \\S+");
      }
      assertThat(metrics).containsPattern("custody_analytics_page_views_ingested_total\\{[^}]*\\} 13\\.0");
      assertThat(metrics).contains("query=\"survey\"").contains("query=\"referrers\"");
    }
  }

  private static void ignore(Runnable failingCall) {
    try {
      failingCall.run();
    } catch (StatusRuntimeException expected) {
      // the failure path is what is being scanned
    }
  }
}
