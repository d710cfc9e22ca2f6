package org.custody.identity.api;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Answers no sooner than a fixed time after the call began, whatever the work took, so calls
 * whose work differs with a secret (does this address have an account?) take the same time. The
 * work runs at once; only the answer (value or error) waits, on a scheduler, without holding a
 * request thread.
 */
public final class AnswerPacing {
  private final ScheduledExecutorService scheduler;
  private final long floorNanos;

  public AnswerPacing(ScheduledExecutorService scheduler, Duration floor) {
    this.scheduler = scheduler;
    this.floorNanos = floor.toNanos();
  }

  <T> void answer(StreamObserver<T> response, Supplier<T> work) {
    long start = System.nanoTime();
    Runnable deliver;
    try {
      T result = work.get();
      deliver = () -> {
        response.onNext(result);
        response.onCompleted();
      };
    } catch (RuntimeException e) {
      deliver = () -> response.onError(e); // the error-mapping interceptor turns it into a status
    }
    long wait = floorNanos - (System.nanoTime() - start);
    if (wait <= 0) {
      deliver.run();
    } else {
      scheduler.schedule(deliver, wait, TimeUnit.NANOSECONDS);
    }
  }
}
