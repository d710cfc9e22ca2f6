package org.custody.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.platform.testkit.TestDatabases;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.GetPrivacyBudgetRequest;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.GetPaymentStandingRequest;
import org.custody.proto.disclosure.v1.GetRecipientRequest;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.ListProjectsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-command suite: four services up, SERVING, answering authenticated calls, exporting metrics. */
class SuiteIT {
  @TempDir
  static Path home;
  private static Suite suite;

  @BeforeAll
  static void start() {
    suite = Suite.start(SuiteOptions.forTests(home, TestDatabases.admin()));
  }

  @AfterAll
  static void stop() {
    suite.close();
    for (String service : SuiteOptions.SERVICES) {
      org.custody.platform.db.DatabaseProvisioner.drop(TestDatabases.admin(),
          org.custody.platform.db.JdbcUrls.database(suite.database(service).jdbcUrl()));
    }
  }

  private static ManagedChannel channel(String service) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", suite.grpcPort(service)).usePlaintext().build();
  }

  private static CallerCredentials operator(Purpose purpose) {
    return CallerCredentials.of(suite.token("operator"), purpose);
  }

  @Test
  void everyService_isServing_andExportsGrpcHistogramsAfterACall() throws Exception {
    for (String service : suite.services()) {
      ManagedChannel channel = channel(service);
      try {
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .as(service).isEqualTo(ServingStatus.SERVING);
        switch (service) {
          case "identity" -> IdentityServiceGrpc.newBlockingStub(channel).withCallCredentials(operator(Purpose.SERVICE_PROVISION))
              .listProjects(ListProjectsRequest.getDefaultInstance());
          case "billing" -> BillingServiceGrpc.newBlockingStub(channel).withCallCredentials(operator(Purpose.SERVICE_PROVISION))
              .getPaymentStanding(GetPaymentStandingRequest.newBuilder().setAccount("projects/p/accounts/a").build());
          case "analytics" -> AnalyticsServiceGrpc.newBlockingStub(channel).withCallCredentials(operator(Purpose.SERVICE_IMPROVEMENT))
              .getPrivacyBudget(GetPrivacyBudgetRequest.newBuilder().setProject("projects/p").build());
          case "disclosure" -> {
            try {
              RecipientServiceGrpc.newBlockingStub(channel).withCallCredentials(operator(Purpose.LEGAL_COMPLIANCE))
                  .getRecipient(GetRecipientRequest.newBuilder().setName("recipients/none").build());
            } catch (io.grpc.StatusRuntimeException e) {
              assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
            }
          }
          default -> throw new AssertionError(service);
        }
      } finally {
        channel.shutdownNow();
      }
      String metrics = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + suite.metricsPort(service) + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).as(service).contains("grpc_server_processing_duration_seconds_bucket").contains("custody_health_serving");
    }
  }

  @Test
  void tokenFile_namesEveryLocalCaller_andIsPrivate() throws Exception {
    Properties tokens = new Properties();
    try (var reader = Files.newBufferedReader(suite.tokenFile())) {
      tokens.load(reader);
    }
    assertThat(tokens.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(Suite.CALLERS);
    assertThat(Files.getPosixFilePermissions(suite.tokenFile()))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void eachService_hasItsOwnDatabaseAndUser() {
    for (String service : suite.services()) {
      assertThat(suite.database(service).jdbcUrl()).endsWith("_" + service);
      assertThat(suite.database(service).user()).endsWith("_" + service)
          .isEqualTo(org.custody.platform.db.JdbcUrls.database(suite.database(service).jdbcUrl()));
    }
  }
}
