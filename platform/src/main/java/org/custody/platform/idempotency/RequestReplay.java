package org.custody.platform.idempotency;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * The request-id contract every mutation follows (AIP-155), whatever keeps its record: the first
 * request with a (caller, request id) is carried out and recorded with its {@linkplain
 * RequestFingerprints fingerprint}; a later one with the same fingerprint is answered with what
 * the first recorded, without doing anything again; one with another fingerprint is refused
 * (INVALID_ARGUMENT REQUEST_ID_REUSED on {@code request_id}); one arriving while the first is
 * still being carried out waits for it ({@link DuplicateWait}).
 *
 * <p>{@link Idempotency} keeps the record in its own table, for mutations without a record of
 * their own. A mutation whose own row carries the request id under a unique key (a disclosure
 * decision, an erasure, an export, an ingested batch) keeps it there instead, written in the
 * same transaction as the work, so that the common path pays no extra round trip: its store
 * throws {@link WriteConflict} when the key was taken, and {@link #firstOrRecorded} turns that
 * typed outcome into the recorded answer. Either way the fingerprint check is {@link Recorded#answerFor}.
 */
public final class RequestReplay {
  private RequestReplay() {}

  /**
   * What a mutation with a request id answered: made by this call, or replayed from the record of
   * the first request with the id (then nothing was done again: no effects, no metrics).
   */
  public record Answer<T>(T value, boolean replayed) {
    public static <T> Answer<T> first(T value) {
      return new Answer<>(value, false);
    }

    public static <T> Answer<T> replayed(T value) {
      return new Answer<>(value, true);
    }
  }

  /**
   * The record the first request with a (caller, request id) left: its fingerprint and what it
   * produced (a stored decision, an erasure, a count).
   */
  public record Recorded<T>(byte[] fingerprint, T outcome) {
    public Recorded {
      fingerprint = fingerprint.clone();
    }

    @Override
    public byte[] fingerprint() {
      return fingerprint.clone();
    }

    /**
     * The recorded outcome, as the answer to a request with {@code fingerprint}.
     *
     * @throws DomainException INVALID_ARGUMENT REQUEST_ID_REUSED when the id was recorded for a
     *     different request
     */
    public T answerFor(byte[] requestFingerprint) {
      checkSameRequest(fingerprint, requestFingerprint);
      return outcome;
    }
  }

  /**
   * Refuses a request id recorded with a different request's fingerprint.
   *
   * @throws DomainException INVALID_ARGUMENT REQUEST_ID_REUSED, a violation on {@code request_id}
   */
  public static void checkSameRequest(byte[] recordedFingerprint, byte[] requestFingerprint) {
    if (!Arrays.equals(recordedFingerprint, requestFingerprint)) {
      throw reused();
    }
  }

  /** The refusal of a request id already used for a different request. */
  public static DomainException reused() {
    return DomainException.invalid("REQUEST_ID_REUSED",
        List.of(new FieldViolation("request_id", "was already used for a different request")));
  }

  /**
   * Runs the first attempt at a mutation whose request id is a unique key of what it writes; when
   * that write loses the key ({@link WriteConflict}: a retry, or a concurrent twin, recorded first
   * and nothing of this attempt was applied), answers with what the earlier request recorded.
   *
   * @param firstAttempt carries the request out, recording its request id in the same transaction
   * @param recorded the earlier request's outcome, looked up after the conflict (typically through
   *     {@link Recorded#answerFor}, which refuses a reused id); empty when none is found, and then
   *     the conflict stands (ABORTED / WRITE_CONFLICT, the client retries)
   */
  public static <T> Answer<T> firstOrRecorded(Supplier<T> firstAttempt, Supplier<Optional<T>> recorded) {
    try {
      return Answer.first(firstAttempt.get());
    } catch (WriteConflict conflict) {
      Optional<T> earlier = recorded.get();
      if (earlier.isEmpty()) {
        throw conflict;
      }
      return Answer.replayed(earlier.get());
    }
  }
}
