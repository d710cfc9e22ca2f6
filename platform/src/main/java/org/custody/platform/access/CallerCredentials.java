package org.custody.platform.access;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.concurrent.Executor;

/**
 * Client-side credentials for calling a Custody service: the declared purpose, plus the bearer
 * token in token mode (in mtls mode the client certificate authenticates, and the token is
 * empty). Attach per call: {@code stub.withCallCredentials(CallerCredentials.of(token, Purpose.BILLING))}.
 */
public final class CallerCredentials extends CallCredentials {
  private final String token;
  private final Purpose purpose;

  private CallerCredentials(String token, Purpose purpose) {
    this.token = token == null ? "" : token;
    this.purpose = purpose;
  }

  public static CallerCredentials of(String token, Purpose purpose) {
    return new CallerCredentials(token, purpose);
  }

  @Override
  public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    Metadata headers = new Metadata();
    if (!token.isEmpty()) {
      headers.put(BearerTokenAuthenticator.AUTHORIZATION, "Bearer " + token);
    }
    headers.put(AccessControlInterceptor.PURPOSE_HEADER, purpose.headerValue());
    applier.apply(headers);
  }
}
