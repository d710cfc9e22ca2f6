package org.custody.analytics.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.util.List;
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
  private static final String SURVEY = "projects/{project}/surveys/{survey}";

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
    List<String> ids = ResourceNames.parse("name", request.getName(), SURVEY);
    reply(response, GetSurveyResponse.newBuilder()
        .setSurvey(SurveyMapper.toProto(surveys.get(ids.get(0), ids.get(1))))
        .build());
  }

  @Override
  public void submitSurveyResponse(SubmitSurveyResponseRequest request, StreamObserver<SubmitSurveyResponseResponse> response) {
    List<String> ids = ResourceNames.parse("survey", request.getSurvey(), SURVEY);
    reply(response, idempotency.execute(request.getRequestId(), request, SubmitSurveyResponseResponse.parser(), () -> {
      surveys.submit(ids.get(0), ids.get(1), SurveyMapper.answers(request.getAnswersList()),
          request.getRespondent().isEmpty() ? Optional.empty() : Optional.of(request.getRespondent()));
      return SubmitSurveyResponseResponse.getDefaultInstance();
    }));
  }

  @Override
  public void getSurveyResults(GetSurveyResultsRequest request, StreamObserver<GetSurveyResultsResponse> response) {
    List<String> ids = ResourceNames.parse("name", request.getName(), SURVEY);
    reply(response, SurveyMapper.results(surveys.results(ids.get(0), ids.get(1), request.getEpsilon(), CallContext.purpose())));
  }
}
