package org.custody.platform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.channelz.v1.ChannelzGrpc;
import io.grpc.channelz.v1.GetServersRequest;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.metrics.ServiceMetrics;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the server shows to whom: loopback by default, reflection v1 and v1alpha, channelz for the operator only. */
@ExtendWith(FreshDatabase.class)
class ExposureIT {
  private static final String SERVICE = "custody.common.v1.SubjectDataService";
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

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void everyPort_listensOnLoopbackOnly_byDefault() throws IOException {
    ServiceServer server = harness.server();
    assertThat(server.bindAddress()).isEqualTo("127.0.0.1");
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    assertThat(accepts(loopback, server.port())).isTrue();
    assertThat(accepts(loopback, server.metricsPort())).isTrue();
    Optional<InetAddress> external = nonLoopbackAddress();
    Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
    assertThat(accepts(external.get(), server.port())).isFalse();
    assertThat(accepts(external.get(), server.metricsPort())).isFalse();
  }

  @Test
  void bindAddress_isConfigurable() {
    ServerSettings settings = ServerSettings.from(new org.custody.platform.config.EnvReader(
        java.util.Map.of("CUSTODY_BIND_ADDRESS", "0.0.0.0")), 0, 0);
    assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(ServerSettings.from(new org.custody.platform.config.EnvReader(java.util.Map.of()), 0, 0).bindAddress())
        .isEqualTo("127.0.0.1");
  }

  @Test
  void reflectionV1AndV1alpha_listTheServiceWithoutCredentials() throws Exception {
    CompletableFuture<List<String>> v1 = new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1.ServerReflectionRequest> request1 = io.grpc.reflection.v1.ServerReflectionGrpc
        .newStub(harness.channel()).serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(io.grpc.reflection.v1.ServerReflectionResponse response) {
            v1.complete(response.getListServicesResponse().getServiceList().stream().map(s -> s.getName()).toList());
          }

          @Override
          public void onError(Throwable t) {
            v1.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    request1.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("*").build());
    assertThat(v1.get(10, TimeUnit.SECONDS)).contains(SERVICE);
    request1.onCompleted();

    CompletableFuture<List<String>> v1alpha = new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> request2 = io.grpc.reflection.v1alpha.ServerReflectionGrpc
        .newStub(harness.channel()).serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(io.grpc.reflection.v1alpha.ServerReflectionResponse response) {
            v1alpha.complete(response.getListServicesResponse().getServiceList().stream().map(s -> s.getName()).toList());
          }

          @Override
          public void onError(Throwable t) {
            v1alpha.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    request2.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("*").build());
    assertThat(v1alpha.get(10, TimeUnit.SECONDS)).contains(SERVICE);
    request2.onCompleted();
  }

  @Test
  void channelz_answersTheOperatorOnly() {
    GetServersRequest request = GetServersRequest.getDefaultInstance();
    assertThatThrownBy(() -> harness.anonymous(ChannelzGrpc::newBlockingStub).getServers(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("CALLER_UNAUTHENTICATED");
        });
    assertThatThrownBy(() -> harness.stub(ChannelzGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION).getServers(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("CALLER_NOT_ALLOWED");
        });
    assertThat(harness.stub(ChannelzGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION).getServers(request)
        .getServerCount()).isPositive();
  }
}
