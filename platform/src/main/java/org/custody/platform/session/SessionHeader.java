package org.custody.platform.session;

import io.grpc.Metadata;

/**
 * The one way a caller acting for a signed-in person presents that person's session: the
 * {@code x-custody-session} request header, on every service. A header rather than a request
 * field so that no contract message changes and the value never reaches a handler, a request
 * fingerprint or a log line.
 */
public final class SessionHeader {
  public static final String NAME = "x-custody-session";
  public static final Metadata.Key<String> KEY = Metadata.Key.of(NAME, Metadata.ASCII_STRING_MARSHALLER);

  private SessionHeader() {}
}
