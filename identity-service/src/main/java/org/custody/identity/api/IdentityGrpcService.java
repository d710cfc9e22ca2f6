package org.custody.identity.api;

import io.grpc.stub.StreamObserver;
import org.custody.identity.project.Projects;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.CreateProjectResponse;
import org.custody.proto.identity.v1.GetProjectRequest;
import org.custody.proto.identity.v1.GetProjectResponse;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.ListProjectsRequest;
import org.custody.proto.identity.v1.ListProjectsResponse;

/** The IdentityService adapter: validate (done by the interceptor), one domain call, map. */
public final class IdentityGrpcService extends IdentityServiceGrpc.IdentityServiceImplBase {
  private static final String PROJECT = "projects/{project}";

  private final Projects projects;
  private final Idempotency idempotency;

  public IdentityGrpcService(Projects projects, Idempotency idempotency) {
    this.projects = projects;
    this.idempotency = idempotency;
  }

  @Override
  public void createProject(CreateProjectRequest request, StreamObserver<CreateProjectResponse> response) {
    response.onNext(idempotency.execute(request.getRequestId(), request, CreateProjectResponse.parser(),
        () -> CreateProjectResponse.newBuilder()
            .setProject(ProjectMapper.toProto(projects.create(request.getProjectId(), request.getDisplayName())))
            .build()));
    response.onCompleted();
  }

  @Override
  public void getProject(GetProjectRequest request, StreamObserver<GetProjectResponse> response) {
    String id = ResourceNames.id("name", request.getName(), PROJECT);
    response.onNext(GetProjectResponse.newBuilder().setProject(ProjectMapper.toProto(projects.get(id))).build());
    response.onCompleted();
  }

  @Override
  public void listProjects(ListProjectsRequest request, StreamObserver<ListProjectsResponse> response) {
    Projects.Page page = projects.list(PageTokens.decode(request.getPageToken()), PageTokens.size(request.getPageSize(), 50));
    ListProjectsResponse.Builder builder = ListProjectsResponse.newBuilder();
    page.projects().forEach(p -> builder.addProjects(ProjectMapper.toProto(p)));
    if (page.more()) {
      builder.setNextPageToken(PageTokens.encode(page.projects().get(page.projects().size() - 1).id()));
    }
    response.onNext(builder.build());
    response.onCompleted();
  }
}
