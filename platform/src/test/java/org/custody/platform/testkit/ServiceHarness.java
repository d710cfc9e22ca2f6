package org.custody.platform.testkit;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.AbstractStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.custody.platform.access.Purpose;
import org.custody.platform.server.ServiceServer;

/**
 * A service started on a real port (real TCP, the production interceptor chain) with a channel
 * to it, handing out stubs authenticated as a test caller for a declared purpose.
 */
public final class ServiceHarness implements AutoCloseable {
  private final ServiceServer server;
  private final ManagedChannel channel;

  private ServiceHarness(ServiceServer server) {
    this.server = server;
    this.channel = TestCallers.channel(server.port());
  }

  public static ServiceHarness of(ServiceServer server) {
    return new ServiceHarness(server);
  }

  public <S extends AbstractStub<S>> S stub(Function<Channel, S> factory, String caller, Purpose purpose) {
    return TestCallers.as(factory.apply(channel), caller, purpose);
  }

  /** A stub that sends no credentials at all. */
  public <S extends AbstractStub<S>> S anonymous(Function<Channel, S> factory) {
    return factory.apply(channel);
  }

  public ManagedChannel channel() {
    return channel;
  }

  public ServiceServer server() {
    return server;
  }

  public ServingStatus health() {
    return health("");
  }

  /** The grpc health status of one service name ("" for the server as a whole). */
  public ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  /** The body of {@code GET /metrics}. */
  public String scrapeMetrics() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (Exception e) {
      throw new AssertionError("cannot scrape metrics", e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
  }
}
