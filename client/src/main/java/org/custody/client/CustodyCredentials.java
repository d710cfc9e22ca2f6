package org.custody.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.custody.proto.common.v1.Purpose;

/**
 * The two things every call to Custody declares: who calls (a bearer token in token mode; in mTLS
 * mode the client certificate says it, and the token is empty) and for which purpose
 * ({@code x-custody-purpose}). Attach per stub or per call:
 * {@code stub.withCallCredentials(CustodyCredentials.of(token, Purpose.PURPOSE_BILLING))}.
 */
public final class CustodyCredentials extends CallCredentials {
  /** The header carrying the declared purpose, e.g. {@code PURPOSE_BILLING}. */
  public static final Metadata.Key<String> PURPOSE = Metadata.Key.of("x-custody-purpose", Metadata.ASCII_STRING_MARSHALLER);
  /** The standard header carrying {@code Bearer <token>}. */
  public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String token;
  private final String purpose;

  private CustodyCredentials(String token, String purpose) {
    this.token = token == null ? "" : token;
    this.purpose = Objects.requireNonNull(purpose, "purpose");
  }

  /** Token mode: the caller's bearer token and the purpose of the calls. */
  public static CustodyCredentials of(String token, Purpose purpose) {
    return new CustodyCredentials(token, purpose.name());
  }

  /** mTLS mode: the client certificate identifies the caller; only the purpose is sent. */
  public static CustodyCredentials purposeOnly(Purpose purpose) {
    return new CustodyCredentials("", purpose.name());
  }

  /** With the purpose as its header value ({@code PURPOSE_BILLING}); for callers holding it as text. */
  public static CustodyCredentials ofHeaderValue(String token, String purposeHeaderValue) {
    return new CustodyCredentials(token, purposeHeaderValue);
  }

  @Override
  public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    Metadata headers = new Metadata();
    if (!token.isEmpty()) {
      headers.put(AUTHORIZATION, "Bearer " + token);
    }
    headers.put(PURPOSE, purpose);
    applier.apply(headers);
  }
}
