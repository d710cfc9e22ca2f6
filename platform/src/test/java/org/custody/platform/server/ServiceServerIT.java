package org.custody.platform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.UUID;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.metrics.ServiceMetrics;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc.SubjectDataServiceBlockingStub;
import org.custody.proto.common.v1.SubjectRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared server over real TCP: authentication, purpose binding, validation, error mapping, health, metrics. */
@ExtendWith(FreshDatabase.class)
class ServiceServerIT {
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings settings) {
    ServiceMetrics metrics = new ServiceMetrics("platform-test");
    Database database = Database.open(settings, "platform-test", metrics.registry());
    ServiceServer server = ServiceServer.builder("platform-test")
        .settings(ServerSettings.forTests())
        .auth(TestCallers.auth())
        .accessPolicy(AccessPolicy.fromResource("/access-policy/platform-test.yaml"))
        .metrics(metrics.registry(), metrics.grpcInterceptor())
        .healthProbe(() -> database.isReachable(2))
        .addService(new FakeSubjectDataService())
        .closeOnShutdown(database)
        .closeOnShutdown(metrics)
        .start();
    harness = ServiceHarness.of(server);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static ExportSubjectDataRequest export(String email) {
    return ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail(email)).build();
  }

  private static SubjectDataServiceBlockingStub as(String caller, Purpose purpose) {
    return harness.stub(SubjectDataServiceGrpc::newBlockingStub, caller, purpose);
  }

  @Test
  void allowedCaller_seesItsCallerAndPurposeInTheHandler() {
    var response = as(TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE).exportSubjectData(export("jane@example.com"));
    assertThat(response.getRecords(0).getName()).isEqualTo("operator/LEGAL_COMPLIANCE");
  }

  @Test
  void noCredentials_isUnauthenticated() {
    var stub = harness.anonymous(SubjectDataServiceGrpc::newBlockingStub);
    assertThatThrownBy(() -> stub.exportSubjectData(export("jane@example.com")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          ErrorDetails details = ErrorDetails.of(e);
          assertThat(details.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(details.reason()).isEqualTo("CALLER_UNAUTHENTICATED");
          assertThat(details.domain()).isEqualTo("platform-test.custody");
        });
  }

  @Test
  void wrongToken_isUnauthenticated() {
    var stub = harness.anonymous(SubjectDataServiceGrpc::newBlockingStub)
        .withCallCredentials(org.custody.platform.access.CallerCredentials.of("not-a-known-token-0000", Purpose.SERVICE_PROVISION));
    assertThatThrownBy(() -> stub.exportSubjectData(export("jane@example.com")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  @Test
  void P6_purposeNotInPolicy_isPermissionDenied() {
    assertThatThrownBy(() -> as(TestCallers.FRONTEND, Purpose.RESEARCH).exportSubjectData(export("jane@example.com")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_NOT_ALLOWED");
        });
  }

  @Test
  void P6_callerNotInPolicy_isPermissionDenied() {
    assertThatThrownBy(() -> as(TestCallers.STRANGER, Purpose.SERVICE_PROVISION).exportSubjectData(export("jane@example.com")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("CALLER_NOT_ALLOWED"));
  }

  @Test
  void P6_methodMissingFromPolicy_isRefusedForEveryone() {
    var request = EraseSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail("jane@example.com"))
        .setRequestId(UUID.randomUUID().toString()).build();
    for (Purpose purpose : Purpose.values()) {
      assertThatThrownBy(() -> as(TestCallers.OPERATOR, purpose).eraseSubjectData(request))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(ErrorDetails.of(e).reason()).isEqualTo("METHOD_NOT_IN_POLICY");
          });
    }
  }

  @Test
  void missingPurposeHeader_isPermissionDenied() {
    var stub = harness.anonymous(SubjectDataServiceGrpc::newBlockingStub).withInterceptors(
        io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(bearer(TestCallers.token(TestCallers.FRONTEND))));
    assertThatThrownBy(() -> stub.exportSubjectData(export("jane@example.com")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_MISSING"));
  }

  @Test
  void malformedRequest_isInvalidArgumentWithFieldViolations() {
    var bad = ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("Projects/ACME!").setEmail("not-an-address")).build();
    assertThatThrownBy(() -> as(TestCallers.FRONTEND, Purpose.SERVICE_PROVISION).exportSubjectData(bad))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          ErrorDetails details = ErrorDetails.of(e);
          assertThat(details.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(details.reason()).isEqualTo("INVALID_FIELD");
          assertThat(details.violatedFields()).containsExactlyInAnyOrder("subject.project", "subject.email");
          assertThat(details.message()).doesNotContain("not-an-address");
        });
  }

  @Test
  void emptyRequest_namesTheRequiredField() {
    assertThatThrownBy(() -> as(TestCallers.FRONTEND, Purpose.SERVICE_PROVISION).exportSubjectData(ExportSubjectDataRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(ErrorDetails.of(e).violatedFields()).containsExactly("subject"));
  }

  @Test
  void domainError_carriesExactlyOneErrorInfo() {
    assertThatThrownBy(() -> as(TestCallers.FRONTEND, Purpose.SERVICE_PROVISION).exportSubjectData(export("missing@example.com")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          ErrorDetails details = ErrorDetails.of(e);
          assertThat(details.code()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(details.errorInfos()).hasSize(1);
          assertThat(details.reason()).isEqualTo("SUBJECT_NOT_FOUND");
        });
  }

  @Test
  void unexpectedFailure_isInternalWithOnlyAReference_andLogsNoPersonalData() {
    try (LogCapture logs = LogCapture.start()) {
      assertThatThrownBy(() -> as(TestCallers.FRONTEND, Purpose.SERVICE_PROVISION).exportSubjectData(export("boom.jane@example.com")))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            ErrorDetails details = ErrorDetails.of(e);
            assertThat(details.code()).isEqualTo(Status.Code.INTERNAL);
            assertThat(details.message()).startsWith("internal error; reference ").doesNotContain("boom.jane");
            String reference = details.message().substring("internal error; reference ".length());
            assertThat(logs.text()).contains("ref=" + reference).doesNotContain("boom.jane@example.com");
          });
    }
  }

  @Test
  void health_isServing_andMetricsExposeGrpcHistograms() {
    as(TestCallers.FRONTEND, Purpose.SERVICE_PROVISION).exportSubjectData(export("jane@example.com"));
    assertThat(harness.health()).isEqualTo(ServingStatus.SERVING);
    String metrics = harness.scrapeMetrics();
    assertThat(metrics)
        .contains("grpc_server_processing_duration_seconds_bucket")
        .contains("method=\"ExportSubjectData\"")
        .contains("jvm_memory_used_bytes")
        .contains("hikaricp_connections")
        .contains("executor_pool_size_threads")
        .contains("custody_access_decisions_total")
        .contains("custody_health_serving{application=\"custody-platform-test\"} 1.0")
        .doesNotContain("jane@example.com");
  }

  private static io.grpc.Metadata bearer(String token) {
    io.grpc.Metadata headers = new io.grpc.Metadata();
    headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return headers;
  }
}
