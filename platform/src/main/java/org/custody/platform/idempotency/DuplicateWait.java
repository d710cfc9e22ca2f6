package org.custody.platform.idempotency;

import io.grpc.Context;
import io.grpc.Status;

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
