package org.custody.platform.access;

import io.grpc.CallCredentials;
import java.util.concurrent.Executor;
import org.custody.client.CustodyCredentials;

/**
 * Client-side credentials for calling a Custody service: the declared purpose, plus the bearer
 * token in token mode (in mtls mode the client certificate authenticates, and the token is
 * empty). Attach per call: {@code stub.withCallCredentials(CallerCredentials.of(token, Purpose.BILLING))}.
 * The headers are the client library's ({@link CustodyCredentials}); this takes the services' own
 * {@link Purpose}.
 */
public final class CallerCredentials extends CallCredentials {
  private final CustodyCredentials delegate;

  private CallerCredentials(CustodyCredentials delegate) {
    this.delegate = delegate;
  }

  public static CallerCredentials of(String token, Purpose purpose) {
    return new CallerCredentials(CustodyCredentials.ofHeaderValue(token, purpose.headerValue()));
  }

  @Override
  public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    delegate.applyRequestMetadata(requestInfo, appExecutor, applier);
  }
}
