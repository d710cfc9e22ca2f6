package org.custody.testkit;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.custody.client.CustodyChannels;
import org.custody.client.CustodyCredentials;
import org.custody.deploy.Suite;
import org.custody.deploy.SuiteOptions;
import org.custody.proto.common.v1.Purpose;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite a test talks to: each service's address, channels to it, the local callers' tokens
 * ({@code frontend}, {@code helpdesk}, {@code operator}, {@code disclosure}) and fixtures.
 */
public final class RunningCustody implements ExtensionContext.Store.CloseableResource {
  private final Suite suite;
  private final Path home;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Fixtures fixtures;

  private RunningCustody(Suite suite, Path home) {
    this.suite = suite;
    this.home = home;
    this.fixtures = new Fixtures(this);
  }

  static RunningCustody start() {
    try {
      Path home = Files.createTempDirectory("custody-testkit-");
      Map<String, String> env = new HashMap<>();
      env.put("CUSTODY_HOME", home.toString());
      env.put("CUSTODY_DRAIN_DELAY", "0s");
      env.put("CUSTODY_SHUTDOWN_GRACE", "2s");
      for (String service : SuiteOptions.SERVICES) {
        String key = service.toUpperCase(Locale.ROOT);
        env.put("CUSTODY_" + key + "_GRPC_PORT", "0");
        env.put("CUSTODY_" + key + "_METRICS_PORT", "0");
      }
      return new RunningCustody(Suite.start(SuiteOptions.from(env)), home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:<port>} of {@code identity}, {@code billing}, {@code analytics} or {@code disclosure}. */
  public String target(String service) {
    return "127.0.0.1:" + suite.grpcPort(service);
  }

  /** A channel to the service (one per service, closed when the suite stops). */
  public ManagedChannel channel(String service) {
    return channels.computeIfAbsent(service, s -> CustodyChannels.plaintext(target(s)).build());
  }

  /** The bearer token of a local caller. */
  public String token(String caller) {
    String token = suite.token(caller);
    if (token == null) {
      throw new IllegalArgumentException("no caller " + caller + "; the suite knows " + Suite.CALLERS);
    }
    return token;
  }

  /** Credentials of {@code caller} calling for {@code purpose}: {@code stub.withCallCredentials(...)}. */
  public CustodyCredentials credentials(String caller, Purpose purpose) {
    return CustodyCredentials.of(token(caller), purpose);
  }

  public Fixtures fixtures() {
    return fixtures;
  }

  @Override
  public void close() throws IOException {
    channels.values().forEach(ManagedChannel::shutdownNow);
    suite.close();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
