package org.custody.deploy.demo;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.custody.platform.access.Purpose;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.Answer;
import org.custody.proto.analytics.v1.CreateSurveyRequest;
import org.custody.proto.analytics.v1.Granularity;
import org.custody.proto.analytics.v1.GetSurveyResultsRequest;
import org.custody.proto.analytics.v1.PageView;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.analytics.v1.Question;
import org.custody.proto.analytics.v1.QuestionKind;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.SubmitSurveyResponseRequest;
import org.custody.proto.analytics.v1.Survey;
import org.custody.proto.analytics.v1.SurveyServiceGrpc;
import org.custody.proto.analytics.v1.VisitorHint;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.ListPaymentMethodsRequest;

/** P4, P5, P6: aggregate page statistics, aggregate surveys, purpose-bound access. */
final class AnalyticsClauses {
  private final DemoContext c;

  AnalyticsClauses(DemoContext c) {
    this.c = c;
  }

  private PageView view(String url, int visitor) {
    Instant now = Instant.now();
    return PageView.newBuilder().setUrl(url).setReferrer("https://news.example.org/story?id=" + visitor)
        .setViewTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
        .setVisitor(VisitorHint.newBuilder().setIpAddress("192.0.2." + (visitor % 250 + 1)).setUserAgent("DemoBrowser/" + visitor)).build();
  }

  private QueryPageStatisticsRequest.Builder today() {
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    return QueryPageStatisticsRequest.newBuilder().setProject(c.project).setStartDate(day).setEndDate(day)
        .setGranularity(Granularity.GRANULARITY_TOTAL);
  }

  void p4PageStatistics() {
    c.narrator.clause("P4", "Only aggregate information on which pages are visited");
    RecordPageViewsRequest.Builder batch = RecordPageViewsRequest.newBuilder().setProject(c.project).setRequestId(UUID.randomUUID().toString());
    for (int visitor = 0; visitor < 14; visitor++) {
      batch.addViews(view("https://support.example.com/docs/getting-started?utm_source=mail#install", visitor));
    }
    for (int visitor = 0; visitor < 3; visitor++) {
      batch.addViews(view("https://support.example.com/users/" + c.email + "/reset/3f9a8c7d6e5f4a3b2c1d0e9f8a7b6c5d", visitor));
    }
    c.narrator.asked("frontend RecordPageViews: 14 visitors read /docs/getting-started?utm_source=mail#install, "
        + "3 visitors open a password-reset page whose path contains their e-mail and a token");
    long recorded = c.clients.stub("analytics", AnalyticsServiceGrpc::newBlockingStub, "frontend", Purpose.SERVICE_IMPROVEMENT)
        .recordPageViews(batch.build()).getRecordedCount();
    var stats = c.clients.stub("analytics", AnalyticsServiceGrpc::newBlockingStub, "operator", Purpose.SERVICE_IMPROVEMENT)
        .queryPageStatistics(today().build());
    StringBuilder rows = new StringBuilder();
    stats.getStatisticsList().forEach(s -> rows.append(s.getPath()).append(s.getSuppressed() ? " (suppressed)" : " views=" + s.getViews()
        + " uniques=" + s.getUniqueVisitors()).append("; "));
    c.narrator.answered(recorded + " views recorded; statistics (k=" + stats.getKThreshold() + "): " + rows);
    c.narrator.why("paths are normalised on arrival (query, fragment, e-mails, tokens and ids removed); IP and user agent only "
        + "feed a keyed hash under a daily salt destroyed after 48 h; only per-day aggregates are stored, and rows with fewer "
        + "unique visitors than k are suppressed");
    c.narrator.expect(stats.getStatisticsList().stream().noneMatch(s -> s.getPath().contains("@") || s.getPath().contains("?")),
        "no e-mail or query string in any stored path");
    c.narrator.expect(stats.getStatisticsList().stream().anyMatch(s -> s.getPath().contains(":email") && s.getSuppressed()),
        "the 3-visitor page is suppressed");
  }

  void p5Surveys() {
    c.narrator.clause("P5", "What users volunteer in surveys is reported only in aggregate");
    var operator = c.clients.stub("analytics", SurveyServiceGrpc::newBlockingStub, "operator", Purpose.SERVICE_IMPROVEMENT);
    Survey survey = operator.createSurvey(CreateSurveyRequest.newBuilder().setParent(c.project).setRequestId(UUID.randomUUID().toString())
        .setSurvey(Survey.newBuilder().setTitle("How was your support experience?")
            .addQuestions(Question.newBuilder().setQuestionId("channel").setText("How did you reach us?")
                .setKind(QuestionKind.QUESTION_KIND_CHOICE).addOptions("e-mail").addOptions("chat").addOptions("phone")))
        .build()).getSurvey();
    // Answers naming their respondent carry the respondent's session; anonymous ones need none.
    var frontend = c.asSubject(c.clients.stub("analytics", SurveyServiceGrpc::newBlockingStub, "frontend", Purpose.SERVICE_IMPROVEMENT));
    for (int i = 0; i < 28; i++) {
      String option = i < 14 ? "e-mail" : i < 26 ? "chat" : "phone";
      var request = SubmitSurveyResponseRequest.newBuilder().setSurvey(survey.getName())
          .addAnswers(Answer.newBuilder().setQuestionId("channel").setOption(option));
      if (i == 0) {
        request.setRespondent(c.account);
      }
      frontend.submitSurveyResponse(request.build());
    }
    c.narrator.asked("28 responses: 14 \"e-mail\", 12 \"chat\", 2 \"phone\" (one of them tied to the demo account)");
    var results = operator.getSurveyResults(GetSurveyResultsRequest.newBuilder().setName(survey.getName()).build());
    StringBuilder counts = new StringBuilder();
    results.getResults(0).getCountsList().forEach(o -> counts.append(o.getOption()).append('=')
        .append(o.getSuppressed() ? "suppressed" : String.valueOf(o.getCount())).append(' '));
    c.narrator.answered("responses=" + results.getResponseCount() + "; " + counts);
    c.narrator.why("results exist only as counts per option, small counts suppressed (with complementary suppression); "
        + "a respondent is kept only as a keyed pseudonym, so they can still export or erase their answers");
    c.narrator.expect(results.getResults(0).getCountsList().stream().anyMatch(o -> o.getOption().equals("phone") && o.getSuppressed()),
        "the small count is suppressed");
    c.narrator.expect(results.getResults(0).getCountsList().stream().anyMatch(o -> !o.getSuppressed()), "large counts are shown");
  }

  void p6Purposes() {
    c.narrator.clause("P6", "Data is used only for the listed purposes, and only by callers allowed for them");
    String research;
    try {
      c.clients.stub("analytics", AnalyticsServiceGrpc::newBlockingStub, "operator", Purpose.RESEARCH).queryPageStatistics(today().build());
      research = "OK (unexpected)";
    } catch (StatusRuntimeException e) {
      research = Narrator.describe(e);
    }
    var noisy = c.clients.stub("analytics", AnalyticsServiceGrpc::newBlockingStub, "operator", Purpose.RESEARCH)
        .queryPageStatistics(today().setEpsilon(1.0).build());
    String billing;
    try {
      c.clients.stub("billing", BillingServiceGrpc::newBlockingStub, "frontend", Purpose.RESEARCH)
          .listPaymentMethods(ListPaymentMethodsRequest.newBuilder().setParent(c.account).build());
      billing = "OK (unexpected)";
    } catch (StatusRuntimeException e) {
      billing = Narrator.describe(e);
    }
    c.narrator.asked("operator asks analytics for exact counts for RESEARCH; then with epsilon=1; frontend reads payment methods for RESEARCH");
    c.narrator.answered("exact: " + research + "; noisy: " + noisy.getStatisticsCount() + " rows, noisy=" + noisy.getNoisy()
        + ", epsilon spent " + noisy.getEpsilonSpent() + ", budget left " + noisy.getBudgetRemaining() + "; billing: " + billing);
    c.narrator.why("every call declares a purpose in x-custody-purpose; each service's access policy lists caller x method x "
        + "purpose (default deny); research sees only noisy counts, paid from a per-project daily privacy budget");
    c.narrator.expect(billing.contains("PURPOSE_NOT_ALLOWED"), "billing refuses the RESEARCH purpose");
    c.narrator.expect(noisy.getNoisy(), "research gets noisy counts");
  }
}
