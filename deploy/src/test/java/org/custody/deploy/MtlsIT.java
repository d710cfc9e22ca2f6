package org.custody.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.platform.testkit.TestCertificates;
import org.custody.platform.testkit.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite in mtls mode with a CA and certificates made at test time: callers are named only
 * by their certificates; bad certificates are refused at the TLS layer or by the
 * authenticator; and the observed caller x method x purpose matrix equals the access-policy
 * files, for every method of every service.
 */
class MtlsIT {
  private static final List<String> CALLERS = List.of("frontend", "helpdesk", "operator", "disclosure", "identity", "billing", "analytics", "stranger");

  @TempDir
  static Path dir;
  private static TestCertificates ca;
  private static Suite suite;
  private static final Map<String, TestCertificates.Issued> callerCerts = new HashMap<>();

  @BeforeAll
  static void start() {
    ca = TestCertificates.authority("custody-test-ca", dir);
    Map<String, Map<String, String>> overrides = new HashMap<>();
    for (String service : SuiteOptions.SERVICES) {
      TestCertificates.Issued cert = ca.issue(service);
      overrides.put(service, Map.of(
          "CUSTODY_AUTH_MODE", "mtls",
          "CUSTODY_TLS_CERT", cert.certificateFile().toString(),
          "CUSTODY_TLS_KEY", cert.keyFile().toString(),
          "CUSTODY_TLS_CA", ca.caFile().toString()));
    }
    for (String caller : CALLERS) {
      callerCerts.put(caller, ca.issue("caller-" + caller, List.of("spiffe://custody/" + caller),
          Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1))));
    }
    suite = Suite.start(SuiteOptions.forTests(dir.resolve("home"), TestDatabases.admin()).withServiceOverrides(overrides));
  }

  @AfterAll
  static void stop() {
    suite.close();
    for (String service : SuiteOptions.SERVICES) {
      org.custody.platform.db.DatabaseProvisioner.drop(TestDatabases.admin(),
          org.custody.platform.db.JdbcUrls.database(suite.database(service).jdbcUrl()));
    }
  }

  private static ManagedChannel channel(String service, Path trustedCa, TestCertificates.Issued clientCert) throws Exception {
    SslContextBuilder tls = GrpcSslContexts.forClient().trustManager(trustedCa.toFile());
    if (clientCert != null) {
      tls.keyManager(clientCert.certificateFile().toFile(), clientCert.keyFile().toFile());
    }
    return NettyChannelBuilder.forAddress("localhost", suite.grpcPort(service)).sslContext(tls.build()).build();
  }

  private static final io.grpc.MethodDescriptor.Marshaller<byte[]> BYTES = new io.grpc.MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  /** Calls any method generically with an empty request; returns the status code and ErrorInfo reason. */
  private static String[] call(ManagedChannel channel, ServiceDescriptor service, MethodDescriptor method, Purpose purpose) {
    io.grpc.MethodDescriptor<byte[], byte[]> descriptor = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
        .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(service.getFullName(), method.getName()))
        .setType(method.isClientStreaming() ? (method.isServerStreaming() ? io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING
            : io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
            : method.isServerStreaming() ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING : io.grpc.MethodDescriptor.MethodType.UNARY)
        .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)
        .withCallCredentials(CallerCredentials.of("", purpose));
    try {
      if (descriptor.getType() == io.grpc.MethodDescriptor.MethodType.UNARY) {
        ClientCalls.blockingUnaryCall(channel, descriptor, options, new byte[0]);
      } else {
        var call = channel.newCall(descriptor, options);
        var closed = new java.util.concurrent.CompletableFuture<StatusRuntimeException>();
        call.start(new io.grpc.ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, io.grpc.Metadata trailers) {
            closed.complete(status.isOk() ? null : status.asRuntimeException(trailers));
          }
        }, new io.grpc.Metadata());
        // Every message the server streams (VerifyLedgerWithProgress sends several): a call whose
        // messages are not all requested is never closed on the client.
        call.request(Integer.MAX_VALUE);
        call.sendMessage(new byte[0]);
        call.halfClose();
        // The deadline above ends the call after 10 s; the margin covers a loaded machine.
        StatusRuntimeException failure = closed.get(20, TimeUnit.SECONDS);
        if (failure != null) {
          throw failure;
        }
      }
      return new String[] {"OK", ""};
    } catch (StatusRuntimeException e) {
      return new String[] {e.getStatus().getCode().name(), reason(e)};
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String reason(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return "";
    }
    return status.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).map(a -> {
      try {
        return a.unpack(ErrorInfo.class).getReason();
      } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
        return "";
      }
    }).findFirst().orElse("");
  }

  @Test
  void observedCallerMethodMatrix_equalsTheAccessPolicies() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (String service : SuiteOptions.SERVICES) {
      AccessPolicy policy = AccessPolicy.fromResource("/access-policy/" + service + ".yaml");
      for (String caller : CALLERS) {
        ManagedChannel channel = channel(service, ca.caFile(), callerCerts.get(caller));
        try {
          for (ServiceDescriptor grpcService : DataMap.servicesOf(service)) {
            for (MethodDescriptor method : grpcService.getMethods()) {
              String fullName = grpcService.getFullName() + "/" + method.getName();
              for (Purpose purpose : Purpose.values()) {
                String[] observed = call(channel, grpcService, method, purpose);
                boolean refused = observed[0].equals("PERMISSION_DENIED")
                    && List.of("METHOD_NOT_IN_POLICY", "CALLER_NOT_ALLOWED", "PURPOSE_NOT_ALLOWED").contains(observed[1]);
                AccessPolicy.Outcome expected = policy.decide(fullName, caller, purpose);
                boolean expectedAllowed = expected == AccessPolicy.Outcome.ALLOWED;
                if (refused == expectedAllowed || (refused && !observed[1].equals(expected.name()))) {
                  mismatches.add(service + " " + fullName + " caller=" + caller + " purpose=" + purpose
                      + " policy=" + expected + " observed=" + observed[0] + "/" + observed[1]);
                }
                assertThat(observed[0]).as("%s by %s: never UNKNOWN or UNAUTHENTICATED with a valid certificate", fullName, caller)
                    .isNotIn("UNKNOWN", "UNAUTHENTICATED");
                checked++;
              }
            }
          }
        } finally {
          channel.shutdownNow();
        }
      }
    }
    assertThat(mismatches).as("calls whose outcome differs from the access policy").isEmpty();
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void validCertificateAndAllowedPurpose_succeeds() throws Exception {
    ManagedChannel channel = channel("identity", ca.caFile(), callerCerts.get("operator"));
    try {
      var stub = org.custody.proto.identity.v1.IdentityServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(CallerCredentials.of("", Purpose.SERVICE_PROVISION));
      assertThat(stub.listProjects(org.custody.proto.identity.v1.ListProjectsRequest.getDefaultInstance())).isNotNull();
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void noClientCertificate_isRefused() throws Exception {
    assertRefused(channel("identity", ca.caFile(), null), Status.Code.UNAVAILABLE);
  }

  @Test
  void certificateFromAnotherCa_isRefused() throws Exception {
    TestCertificates other = TestCertificates.authority("rogue-ca", java.nio.file.Files.createDirectories(dir.resolve("rogue")));
    assertRefused(channel("identity", ca.caFile(), other.issue("operator")), Status.Code.UNAVAILABLE);
  }

  @Test
  void expiredCertificate_isRefused() throws Exception {
    TestCertificates.Issued expired = ca.issue("expired-operator", List.of("spiffe://custody/operator"),
        Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
    assertRefused(channel("identity", ca.caFile(), expired), Status.Code.UNAVAILABLE);
  }

  @Test
  void certificateWithTwoUriSans_isUnauthenticated() throws Exception {
    TestCertificates.Issued ambiguous = ca.issue("two-sans", List.of("spiffe://custody/operator", "spiffe://custody/frontend"),
        Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
    assertRefused(channel("identity", ca.caFile(), ambiguous), Status.Code.UNAUTHENTICATED);
  }

  private static void assertRefused(ManagedChannel channel, Status.Code expected) {
    try {
      var stub = org.custody.proto.identity.v1.IdentityServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .withCallCredentials(CallerCredentials.of("", Purpose.SERVICE_PROVISION));
      assertThatThrownBy(() -> stub.listProjects(org.custody.proto.identity.v1.ListProjectsRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(expected));
    } finally {
      channel.shutdownNow();
    }
  }
}
