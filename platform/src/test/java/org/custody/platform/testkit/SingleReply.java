package org.custody.platform.testkit;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/** Observers of calls that answer once (unary, client streaming), for async stubs in tests. */
public final class SingleReply {
  private SingleReply() {}

  /** Completes {@code result} with the reply (null when the call ends without one) or with the call's error. */
  public static <T> StreamObserver<T> into(CompletableFuture<T> result) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        result.complete(null);
      }
    };
  }
}
