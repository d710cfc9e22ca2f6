package org.custody.platform.server;

/**
 * A request as the transport read it: the decoded message, or why it could not be decoded.
 * Produced by {@link MalformedRequestGuard}'s marshaller, which never throws.
 */
record DecodedRequest<T>(T message, Failure failure) {
  /** Why a request could not be decoded. */
  enum Failure {
    /** Not a valid encoding of the request type (random bytes, truncated, invalid UTF-8). */
    MALFORMED,
    /** Larger than the inbound limit once decompressed. */
    TOO_LARGE
  }

  static <T> DecodedRequest<T> of(T message) {
    return new DecodedRequest<>(message, null);
  }

  static <T> DecodedRequest<T> failed(Failure failure) {
    return new DecodedRequest<>(null, failure);
  }

  boolean decoded() {
    return failure == null;
  }
}
