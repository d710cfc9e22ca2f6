package org.custody.deploy.cli;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.custody.client.CustodyChannels;
import org.custody.client.CustodyCredentials;
import org.custody.platform.config.EnvReader;
import org.custody.proto.common.v1.Purpose;
import picocli.CommandLine.Option;

/**
 * How an operator command reaches the suite: the service's address, and the operator's identity,
 * a bearer token (token mode) or a client certificate (mTLS). Defaults fit the local launcher:
 * 127.0.0.1:7001-7004 and the token of caller {@code operator} in {@code $CUSTODY_HOME/callers.tokens}.
 */
final class Connection {
  private static final Map<String, Integer> DEFAULT_PORTS = Map.of("identity", 7001, "billing", 7002, "analytics", 7003, "disclosure", 7004);
  /** The CUSTODY_* variables, read the way the services read theirs (blank counts as unset). */
  private final EnvReader env = EnvReader.fromSystem();

  @Option(names = "--target", paramLabel = "HOST:PORT",
      description = "the service's address (default: CUSTODY_<SERVICE>_TARGET, else 127.0.0.1 and its launcher port)")
  String target;

  @Option(names = "--token", paramLabel = "TOKEN", description = "bearer token (default: CUSTODY_TOKEN, else the caller's line of --token-file)")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "caller=token file (default: $CUSTODY_HOME/callers.tokens, CUSTODY_HOME defaulting to ./.custody)")
  Path tokenFile;

  @Option(names = "--caller", defaultValue = "operator", description = "which caller's token to take from the token file (default: ${DEFAULT-VALUE})")
  String caller;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "mTLS: the operator's certificate chain (with --tls-key and --tls-ca; no token is sent)")
  Path tlsCertificate;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "mTLS: the operator's PKCS#8 private key")
  Path tlsKey;

  @Option(names = "--tls-ca", paramLabel = "PEM", description = "mTLS: the CA that signed the services' certificates")
  Path tlsCa;

  @Option(names = "--json", description = "print machine-readable JSON (one object per line) instead of text")
  boolean json;

  ManagedChannel open(String service) {
    String address = target != null ? target
        : env.string("CUSTODY_" + service.toUpperCase(Locale.ROOT) + "_TARGET", "127.0.0.1:" + DEFAULT_PORTS.get(service));
    if (tlsCertificate != null || tlsKey != null || tlsCa != null) {
      if (tlsCertificate == null || tlsKey == null || tlsCa == null) {
        throw new UsageException("--tls-cert, --tls-key and --tls-ca go together");
      }
      return CustodyChannels.mutualTls(address, tlsCertificate, tlsKey, tlsCa).build();
    }
    return CustodyChannels.plaintext(address).build();
  }

  CustodyCredentials credentials(Purpose purpose) {
    if (tlsCertificate != null) {
      return CustodyCredentials.purposeOnly(purpose);
    }
    return CustodyCredentials.of(resolveToken(), purpose);
  }

  private String resolveToken() {
    if (token != null) {
      return token;
    }
    String fromEnv = env.string("CUSTODY_TOKEN", null);
    if (fromEnv != null) {
      return fromEnv;
    }
    Path file = tokenFile != null ? tokenFile
        : Path.of(env.string("CUSTODY_HOME", ".custody")).resolve("callers.tokens");
    Properties tokens = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      tokens.load(reader);
    } catch (IOException e) {
      throw new UsageException("no token: pass --token, set CUSTODY_TOKEN, or point --token-file at the launcher's callers.tokens ("
          + file + " cannot be read)");
    }
    String found = tokens.getProperty(caller);
    if (found == null) {
      throw new UsageException("no token for caller '" + caller + "' in " + file);
    }
    return found;
  }

  /** A mistake in how the command was called (exit status 2). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
