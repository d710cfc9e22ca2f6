package org.custody.deploy.demo;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.AbstractStub;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.custody.deploy.Suite;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;

/** Stubs to the running suite, each bound to a caller's token and a declared purpose. */
final class DemoClients implements AutoCloseable {
  private final Suite suite;
  private final Map<String, ManagedChannel> channels = new HashMap<>();

  DemoClients(Suite suite) {
    this.suite = suite;
  }

  <S extends AbstractStub<S>> S stub(String service, Function<Channel, S> factory, String caller, Purpose purpose) {
    ManagedChannel channel = channels.computeIfAbsent(service,
        s -> ManagedChannelBuilder.forAddress("127.0.0.1", suite.grpcPort(s)).usePlaintext().build());
    return factory.apply(channel).withCallCredentials(CallerCredentials.of(suite.token(caller), purpose))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
