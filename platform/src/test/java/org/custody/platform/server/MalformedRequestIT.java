package org.custody.platform.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.metrics.ServiceMetrics;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.RawCalls;
import org.custody.platform.testkit.RawCalls.Outcome;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bytes a hostile client can put on the wire, sent over real TCP through the production chain:
 * every undecodable request gets a clear status with one ErrorInfo and at most one log line;
 * ambiguous credentials or purposes are refused.
 */
@ExtendWith(FreshDatabase.class)
class MalformedRequestIT {
  private static final String EXPORT = "custody.common.v1.SubjectDataService/ExportSubjectData";
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> PURPOSE = Metadata.Key.of(Purpose.HEADER, Metadata.ASCII_STRING_MARSHALLER);
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

  private static Metadata operator() {
    return RawCalls.headers(TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
  }

  private static byte[] validRequest() {
    return ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail("jane@example.com")).build().toByteArray();
  }

  private static void assertMalformed(Outcome outcome) {
    ErrorDetails details = outcome.details();
    assertThat(details.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(details.reason()).isEqualTo("MALFORMED_REQUEST");
    assertThat(details.domain()).isEqualTo("platform-test.custody");
  }

  @Test
  void validBytes_areAnsweredAsUsual() {
    Outcome outcome = RawCalls.unary(harness.channel(), EXPORT, operator(), validRequest());
    assertThat(outcome.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(outcome.responses()).isEqualTo(1);
  }

  @Test
  void randomBytes_areInvalidArgumentWithOneWarnLineWithoutPayload() {
    byte[] garbage = new byte[512];
    new Random(42).nextBytes(garbage);
    garbage[0] = (byte) 0xff; // an invalid tag whatever follows
    try (LogCapture logs = LogCapture.start()) {
      assertMalformed(RawCalls.unary(harness.channel(), EXPORT, operator(), garbage));
      List<String> lines = logs.lines();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).startsWith("WARN ").contains(EXPORT).contains("caller=operator")
          .doesNotContain("\n").doesNotContain("Exception");
    }
    assertThat(harness.health()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void truncatedMessage_isInvalidArgument() {
    byte[] valid = validRequest();
    assertMalformed(RawCalls.unary(harness.channel(), EXPORT, operator(), Arrays.copyOf(valid, valid.length - 3)));
  }

  @Test
  void innerLengthLongerThanTheMessage_isInvalidArgument() {
    // field 1 (subject), length-delimited, declaring 100 bytes where 3 follow
    assertMalformed(RawCalls.unary(harness.channel(), EXPORT, operator(), new byte[] {0x0a, 100, 0x0a, 1, 'x'}));
  }

  @Test
  void invalidUtf8InAStringField_isInvalidArgument() {
    // subject { project: <0xC3 0x28> }: not UTF-8, which proto3 string fields must be
    byte[] request = {0x0a, 4, 0x0a, 2, (byte) 0xc3, 0x28};
    assertMalformed(RawCalls.unary(harness.channel(), EXPORT, operator(), request));
  }

  @Test
  void wrongWireType_isInvalidArgument() {
    // field 1 declared as a varint where the contract has a message
    assertMalformed(RawCalls.unary(harness.channel(), EXPORT, operator(), new byte[] {0x08, (byte) 0x96, 0x01, 0x0a, (byte) 0x80}));
  }

  @Test
  void noRequestMessageOnAUnaryMethod_isInvalidArgumentNotInternal() {
    assertMalformed(RawCalls.call(harness.channel(), EXPORT, MethodType.CLIENT_STREAMING, operator(), List.of(), null));
  }

  @Test
  void twoRequestMessagesOnAUnaryMethod_isInvalidArgumentNotInternal() {
    assertMalformed(RawCalls.call(harness.channel(), EXPORT, MethodType.CLIENT_STREAMING, operator(),
        List.of(validRequest(), validRequest()), null));
  }

  @Test
  void compressedMessageInflatingPastTheLimit_isResourceExhausted() {
    // 9 MiB of zeros as an unknown bytes field: a few KiB on the wire, over the 8 MiB limit inflated
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    int size = 9 * 1024 * 1024;
    request.write(0x7a); // field 15, length-delimited
    for (int v = size; ; v >>>= 7) {
      if ((v & ~0x7f) == 0) {
        request.write(v);
        break;
      }
      request.write((v & 0x7f) | 0x80);
    }
    request.writeBytes(new byte[size]);
    try (LogCapture logs = LogCapture.start()) {
      Outcome outcome = RawCalls.call(harness.channel(), EXPORT, MethodType.UNARY, operator(), List.of(request.toByteArray()), "gzip");
      ErrorDetails details = outcome.details();
      assertThat(details.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(details.reason()).isEqualTo("MESSAGE_TOO_LARGE");
      assertThat(logs.lines()).hasSize(1);
    }
  }

  @Test
  void unauthenticatedGarbage_isUnauthenticatedBeforeAnyDecoding() {
    Metadata headers = new Metadata();
    headers.put(PURPOSE, Purpose.LEGAL_COMPLIANCE.headerValue());
    Outcome outcome = RawCalls.unary(harness.channel(), EXPORT, headers, new byte[] {(byte) 0xff, (byte) 0xff});
    assertThat(outcome.details().reason()).isEqualTo("CALLER_UNAUTHENTICATED");
  }

  @Test
  void twoAuthorizationHeaders_areUnauthenticatedEvenWhenTheLastIsValid() {
    for (String first : List.of("Bearer " + TestCallers.token(TestCallers.FRONTEND), "Bearer garbage")) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, first);
      headers.put(AUTHORIZATION, "Bearer " + TestCallers.token(TestCallers.OPERATOR));
      headers.put(PURPOSE, Purpose.LEGAL_COMPLIANCE.headerValue());
      ErrorDetails details = RawCalls.unary(harness.channel(), EXPORT, headers, validRequest()).details();
      assertThat(details.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(details.reason()).isEqualTo("CALLER_AMBIGUOUS");
    }
  }

  @Test
  void twoPurposeHeaders_arePermissionDeniedEvenWhenEqual() {
    for (Purpose first : List.of(Purpose.SERVICE_PROVISION, Purpose.LEGAL_COMPLIANCE)) {
      Metadata headers = RawCalls.headers(TestCallers.OPERATOR, first);
      headers.put(PURPOSE, Purpose.LEGAL_COMPLIANCE.headerValue());
      ErrorDetails details = RawCalls.unary(harness.channel(), EXPORT, headers, validRequest()).details();
      assertThat(details.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(details.reason()).isEqualTo("PURPOSE_AMBIGUOUS");
    }
  }

  @Test
  void lowerCaseSchemeAndPaddedPurpose_areAccepted() {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "bearer " + TestCallers.token(TestCallers.OPERATOR));
    headers.put(PURPOSE, "  purpose_legal_compliance ");
    assertThat(RawCalls.unary(harness.channel(), EXPORT, headers, validRequest()).status().getCode()).isEqualTo(Status.Code.OK);
  }

  @Test
  void lengthPrefixOverTheLimit_isRefusedByTheTransportAsResourceExhausted() {
    byte[] request = new byte[8 * 1024 * 1024 + 1];
    try (LogCapture logs = LogCapture.start()) {
      Outcome outcome = RawCalls.unary(harness.channel(), EXPORT, operator(), request);
      assertThat(outcome.status().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(logs.text()).doesNotContain("\tat ");
    }
    assertThat(harness.health()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void javaUtilLogging_goesThroughTheOneLogConfiguration() {
    try (LogCapture logs = LogCapture.start()) {
      java.util.logging.Logger.getLogger("io.grpc.internal.SomeGrpcClass").warning("a grpc-java warning");
      assertThat(logs.lines()).containsExactly("WARN io.grpc.internal.SomeGrpcClass a grpc-java warning");
    }
  }
}
