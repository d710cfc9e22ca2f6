package org.custody.analytics.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.custody.analytics.survey.Surveys;
import org.custody.platform.access.CallContext;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.analytics.v1.CreateSurveyRequest;
import org.custody.proto.analytics.v1.CreateSurveyResponse;
import org.custody.proto.analytics.v1.GetSurveyRequest;
import org.custody.proto.analytics.v1.GetSurveyResponse;
import org.custody.proto.analytics.v1.GetSurveyResultsRequest;
import org.custody.proto.analytics.v1.GetSurveyResultsResponse;
import org.custody.proto.analytics.v1.SubmitSurveyResponseRequest;
import org.custody.proto.analytics.v1.SubmitSurveyResponseResponse;
import org.custody.proto.analytics.v1.SurveyServiceGrpc;

/** The SurveyService adapter: validate (done by the interceptor), one domain call, map. */
public final class SurveyGrpcService extends SurveyServiceGrpc.SurveyServiceImplBase {
  private static final String PROJECT = "projects/{project}";

  private final Surveys surveys;
  private final Idempotency idempotency;

  public SurveyGrpcService(Surveys surveys, Idempotency idempotency) {
    this.surveys = surveys;
    this.idempotency = idempotency;
  }

  @Override
  public void createSurvey(CreateSurveyRequest request, StreamObserver<CreateSurveyResponse> response) {
    String projectId = ResourceNames.id("parent", request.getParent(), PROJECT);
    reply(response, idempotency.execute(request.getRequestId(), request, CreateSurveyResponse.parser(),
        () -> CreateSurveyResponse.newBuilder()
            .setSurvey(SurveyMapper.toProto(surveys.create(projectId, SurveyMapper.draft(request.getSurvey()))))
            .build()));
  }

  @Override
  public void getSurvey(GetSurveyRequest request, StreamObserver<GetSurveyResponse> response) {
    SurveyName survey = SurveyName.parse("name", request.getName());
    reply(response, GetSurveyResponse.newBuilder()
        .setSurvey(SurveyMapper.toProto(surveys.get(survey.projectId(), survey.surveyId())))
        .build());
  }

  @Override
  public void submitSurveyResponse(SubmitSurveyResponseRequest request, StreamObserver<SubmitSurveyResponseResponse> response) {
    SurveyName survey = SurveyName.parse("survey", request.getSurvey());
    reply(response, idempotency.execute(request.getRequestId(), request, SubmitSurveyResponseResponse.parser(), () -> {
      surveys.submit(survey.projectId(), survey.surveyId(), SurveyMapper.answers(request.getAnswersList()),
          request.getRespondent().isEmpty() ? Optional.empty() : Optional.of(request.getRespondent()));
      return SubmitSurveyResponseResponse.getDefaultInstance();
    }));
  }

  @Override
  public void getSurveyResults(GetSurveyResultsRequest request, StreamObserver<GetSurveyResultsResponse> response) {
    SurveyName survey = SurveyName.parse("name", request.getName());
    reply(response, SurveyMapper.results(surveys.results(survey.projectId(), survey.surveyId(), request.getEpsilon(), CallContext.purpose())));
  }
}
