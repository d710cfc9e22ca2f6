package org.custody.identity.api;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.custody.platform.errors.DomainException;

/**
 * Runs the calls that hash passwords (Login, CreateAccount, ChangePassword) on the bounded
 * hashing pool instead of the request threads, so a login flood waits in its own queue while
 * every other RPC (ValidateSession above all) keeps its threads. The handler returns at once;
 * the pool answers the call, under the call's gRPC context (caller, purpose, cancellation). A
 * full queue answers RESOURCE_EXHAUSTED with a retry delay, whoever the request is about.
 */
final class HashingLane {
  private final Executor pool;

  HashingLane(Executor pool) {
    this.pool = pool;
  }

  <T> void run(StreamObserver<T> response, Supplier<T> work) {
    Context context = Context.current();
    try {
      pool.execute(() -> {
        if (context.isCancelled()) {
          return; // the caller gave up while queued: spare the hash
        }
        Context previous = context.attach();
        try {
          T result = work.get();
          response.onNext(result);
          response.onCompleted();
        } catch (RuntimeException e) {
          response.onError(e); // the error-mapping interceptor turns it into a status
        } finally {
          context.detach(previous);
        }
      });
    } catch (RejectedExecutionException e) {
      throw DomainException.exhausted("PASSWORD_HASHING_BUSY", "too many password operations in progress; retry shortly",
          Duration.ofSeconds(1));
    }
  }
}
