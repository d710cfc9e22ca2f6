package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.custody.identity.app.IdentityApplication;
import org.custody.identity.app.IdentityConfig;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.GetProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.ListPrimaryAccountHoldersRequest;
import org.custody.proto.identity.v1.ListProjectsRequest;
import org.custody.proto.identity.v1.SetPrimaryAccountRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Project sites through every layer: gRPC over TCP, domain, jOOQ, MariaDB. */
@ExtendWith(FreshDatabase.class)
class ProjectsApiIT {
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    IdentityConfig config = IdentityConfig.withDefaults(new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), java.util.Optional.of(database), java.nio.file.Path.of("target")),
        IdentityTestServer.mailSettings(1)); // project sites send no mail
    harness = ServiceHarness.of(IdentityApplication.start(config, database, ServiceRuntime.systemClock()));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static IdentityServiceGrpc.IdentityServiceBlockingStub operator() {
    return harness.stub(IdentityServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION);
  }

  @Test
  void createProject_thenGetAndList() {
    var created = operator().createProject(CreateProjectRequest.newBuilder().setProjectId("acme").setDisplayName("ACME Support").build());
    assertThat(created.getProject().getName()).isEqualTo("projects/acme");
    var fetched = operator().getProject(GetProjectRequest.newBuilder().setName("projects/acme").build());
    assertThat(fetched.getProject()).isEqualTo(created.getProject());
    assertThat(operator().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList())
        .extracting(p -> p.getName()).contains("projects/acme");
  }

  @Test
  void createProject_retriedWithSameRequestId_returnsTheFirstResult() {
    var request = CreateProjectRequest.newBuilder().setProjectId("retry").setDisplayName("Retry").setRequestId(UUID.randomUUID().toString()).build();
    var first = operator().createProject(request);
    var second = operator().createProject(request);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void createProject_concurrentDuplicates_allAnswerTheFirstResult() throws Exception {
    var request = CreateProjectRequest.newBuilder().setProjectId("concurrent").setDisplayName("Concurrent")
        .setRequestId(UUID.randomUUID().toString()).build();
    var answers = org.custody.platform.testkit.ConcurrentDuplicates.answerAlike(6, () -> operator().createProject(request));
    assertThat(answers.get(0).getProject().getName()).isEqualTo("projects/concurrent");
  }

  @Test
  void createProject_duplicateId_isAlreadyExists() {
    operator().createProject(CreateProjectRequest.newBuilder().setProjectId("dupe").setDisplayName("One").build());
    assertThatThrownBy(() -> operator().createProject(CreateProjectRequest.newBuilder().setProjectId("dupe").setDisplayName("Two").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("PROJECT_ALREADY_EXISTS");
        });
  }

  @Test
  void getProject_unknown_isNotFound() {
    assertThatThrownBy(() -> operator().getProject(GetProjectRequest.newBuilder().setName("projects/nope").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void createProject_badId_isInvalidArgument() {
    assertThatThrownBy(() -> operator().createProject(CreateProjectRequest.newBuilder().setProjectId("Not Valid!").setDisplayName("x").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(ErrorDetails.of(e).violatedFields()).containsExactly("project_id"));
  }

  @Test
  void P14_primaryAccountHoldersAreListedOnlyForTheContactPurpose() {
    operator().createProject(CreateProjectRequest.newBuilder().setProjectId("noticed").setDisplayName("Noticed").build());
    var account = operator().createAccount(org.custody.proto.identity.v1.CreateAccountRequest.newBuilder().setParent("projects/noticed")
        .setFullName("Pat Primary").setCompany("Noticed Ltd").setEmail("pat@noticed.example").setPassword("correct horse battery staple").build())
        .getAccount();
    var project = operator().setPrimaryAccount(SetPrimaryAccountRequest.newBuilder().setProject("projects/noticed")
        .setAccount(account.getName()).build()).getProject();
    assertThat(project.getPrimaryAccount()).isEqualTo(account.getName());

    var disclosure = harness.stub(IdentityServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, Purpose.CONTACT);
    var holders = disclosure.listPrimaryAccountHolders(ListPrimaryAccountHoldersRequest.getDefaultInstance()).getHoldersList();
    assertThat(holders).singleElement().satisfies(h -> {
      assertThat(h.getProject()).isEqualTo("projects/noticed");
      assertThat(h.getAccount()).isEqualTo(account.getName());
      assertThat(h.getFullName()).isEqualTo("Pat Primary");
      assertThat(h.getEmail()).isEqualTo("pat@noticed.example");
    });
    for (Purpose other : Purpose.values()) {
      if (other != Purpose.CONTACT) {
        var stub = harness.stub(IdentityServiceGrpc::newBlockingStub, TestCallers.DISCLOSURE, other);
        assertThatThrownBy(() -> stub.listPrimaryAccountHolders(ListPrimaryAccountHoldersRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
      }
    }
    var operatorForContact = harness.stub(IdentityServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.CONTACT);
    assertThatThrownBy(() -> operatorForContact.listPrimaryAccountHolders(ListPrimaryAccountHoldersRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void setPrimaryAccount_accountOfAnotherProjectOrUnknown_isRefused() {
    operator().createProject(CreateProjectRequest.newBuilder().setProjectId("lonely").setDisplayName("Lonely").build());
    assertThatThrownBy(() -> operator().setPrimaryAccount(SetPrimaryAccountRequest.newBuilder().setProject("projects/lonely")
        .setAccount("projects/acme/accounts/someone").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).violatedFields()).containsExactly("account"));
    assertThatThrownBy(() -> operator().setPrimaryAccount(SetPrimaryAccountRequest.newBuilder().setProject("projects/lonely")
        .setAccount("projects/lonely/accounts/nobody").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("ACCOUNT_NOT_FOUND"));
  }

  @Test
  void P6_frontendMayNotCreateProjects() {
    var frontend = harness.stub(IdentityServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION);
    assertThatThrownBy(() -> frontend.createProject(CreateProjectRequest.newBuilder().setProjectId("x").setDisplayName("x").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("CALLER_NOT_ALLOWED"));
  }
}
