package org.custody.platform.access;

import io.grpc.Attributes;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local/dev authentication: each caller has a bearer token from configuration. The presented
 * token is compared with every configured one in constant time (digests compared with
 * {@link MessageDigest#isEqual}, no early exit), so timing reveals neither which caller nor how
 * much of a token matched.
 */
public final class BearerTokenAuthenticator implements CallerAuthenticator {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String SCHEME = "Bearer ";

  private record Entry(String caller, byte[] digest) {}

  private final List<Entry> entries = new ArrayList<>();

  public BearerTokenAuthenticator(Map<String, String> tokensByCaller) {
    tokensByCaller.forEach((caller, token) -> entries.add(new Entry(caller, sha256(token))));
  }

  @Override
  public Optional<String> authenticate(Attributes transport, Metadata headers) {
    String header = headers.get(AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    byte[] presented = sha256(header.substring(SCHEME.length()).trim());
    String match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), presented) && match == null) {
        match = entry.caller();
      }
    }
    return Optional.ofNullable(match);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
