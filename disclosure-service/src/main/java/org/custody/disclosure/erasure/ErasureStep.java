package org.custody.disclosure.erasure;

import java.time.Instant;
import java.util.Optional;

/**
 * One service's part of an erasure.
 *
 * @param requestId the idempotency key sent with every attempt, so the service erases once
 * @param nextAttemptTime while pending, when the next attempt is due
 * @param lastFailure while pending, why the last attempt failed (a code, never a message)
 */
public record ErasureStep(
    String service,
    StepState state,
    String requestId,
    int attempts,
    Optional<Instant> nextAttemptTime,
    Optional<String> lastFailure,
    Optional<ServiceReceipt> receipt) {

  public boolean confirmed() {
    return state != StepState.PENDING;
  }
}
