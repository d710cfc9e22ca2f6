package org.custody.deploy.faults;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.AbstractStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.custody.deploy.Suite;
import org.custody.deploy.SuiteOptions;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseProvisioner;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.testkit.TestDatabases;

/**
 * Two instances of every service on the same databases, with the same secrets and one clock (a
 * second replica of each, as the Kubernetes HPA runs them), and the channels tests open to them.
 * Closing stops both, drops the databases and closes the channels.
 */
final class TwoSuites implements AutoCloseable {
  final Suite a;
  final Suite b;
  private final List<ManagedChannel> channels = new ArrayList<>();

  private TwoSuites(Suite a, Suite b) {
    this.a = a;
    this.b = b;
  }

  /**
   * Starts both suites with the test options plus {@code environment} for every service.
   *
   * @param homePrefix the prefix of the temporary home directory the two share
   */
  static TwoSuites start(String homePrefix, Map<String, String> environment, Clock clock) throws Exception {
    Path home = Files.createTempDirectory(homePrefix);
    SuiteOptions options = SuiteOptions.forTests(home, TestDatabases.admin());
    Map<String, String> env = new HashMap<>(options.serviceEnvironment());
    env.putAll(environment);
    options = new SuiteOptions(options.home(), options.databasePrefix(), options.adminDatabase(), options.grpcPorts(),
        options.metricsPorts(), env, options.serviceOverrides());
    Suite a = Suite.start(options, clock);
    try {
      return new TwoSuites(a, Suite.start(options, clock));
    } catch (RuntimeException e) {
      new TwoSuites(a, null).close();
      throw e;
    }
  }

  /** A stub on a new channel to {@code service} of {@code suite}, as {@code caller} for {@code purpose}. */
  <S extends AbstractStub<S>> S stub(Suite suite, String service, Function<ManagedChannel, S> factory, String caller,
      Purpose purpose, Duration deadline) {
    return factory.apply(channel(suite, service)).withCallCredentials(CallerCredentials.of(suite.token(caller), purpose))
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ManagedChannel channel(Suite suite, String service) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", suite.grpcPort(service)).usePlaintext().build();
    synchronized (channels) {
      channels.add(channel);
    }
    return channel;
  }

  @Override
  public void close() {
    synchronized (channels) {
      channels.forEach(ManagedChannel::shutdownNow);
    }
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
      for (String service : SuiteOptions.SERVICES) {
        DatabaseProvisioner.drop(TestDatabases.admin(), JdbcUrls.database(a.database(service).jdbcUrl()));
      }
    }
  }
}
