package org.custody.platform.api;

import io.grpc.stub.StreamObserver;

/** The end of every unary handler: one answer, then the call completes. */
public final class UnaryReplies {
  private UnaryReplies() {}

  public static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
