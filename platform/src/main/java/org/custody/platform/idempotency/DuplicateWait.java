package org.custody.platform.idempotency;

import io.grpc.Context;
import io.grpc.Status;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one behaviour of every Custody mutation towards a concurrent duplicate (a second call with
 * the {@code request_id} of a call still being carried out, on this instance or another): the
 * duplicate waits for the first to finish and then answers what the first answered. It polls the
 * shared record of the request with a short, growing pause, for as long as its own call lives
 * (its deadline or cancellation ends the wait) and the first call's claim holds; a claim whose
 * holder died expires and the waiting duplicate carries the request out itself.
 */
public final class DuplicateWait {
  private static final long FIRST_PAUSE_MILLIS = 10;
  private static final long LONGEST_PAUSE_MILLIS = 200;

  private int pauses;

  /**
   * Waits for the first call of a request whose record has no lease of its own (an export row
   * marked as being produced): looks at {@code firstFinished} after each pause, for at most
   * {@code atMost}. A first call that takes longer was abandoned by a crash, and the duplicate
   * carries the request out itself.
   *
   * @return whether the first call finished within {@code atMost}
   * @throws io.grpc.StatusRuntimeException CANCELLED as {@link #pause} does
   */
  public static boolean forFirst(BooleanSupplier firstFinished, Duration atMost) {
    DuplicateWait wait = new DuplicateWait();
    long until = System.nanoTime() + Math.max(0, atMost.toNanos());
    while (System.nanoTime() < until) {
      wait.pause();
      if (firstFinished.getAsBoolean()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sleeps before the next look at the request's record.
   *
   * @throws io.grpc.StatusRuntimeException CANCELLED when the waiting call itself was cancelled
   *     or passed its deadline (its caller has gone and will retry with the same request_id)
   */
  public void pause() {
    Context call = Context.current();
    if (call.isCancelled()) {
      throw Status.CANCELLED.withDescription("the call ended while a duplicate of it was being carried out").asRuntimeException();
    }
    long millis = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(pauses, 5));
    pauses++;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Status.CANCELLED.withDescription("interrupted while waiting for a duplicate").asRuntimeException();
    }
  }
}
