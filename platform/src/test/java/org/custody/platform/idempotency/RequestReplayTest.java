package org.custody.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class RequestReplayTest {
  private static final byte[] FINGERPRINT = {1, 2, 3};
  private static final byte[] OTHER_FINGERPRINT = {1, 2, 4};

  @Test
  void firstOrRecorded_theFirstAttemptSucceeds_answersItAsFirst_withoutLookingUp() {
    AtomicInteger lookUps = new AtomicInteger();

    RequestReplay.Answer<String> answer = RequestReplay.firstOrRecorded(() -> "made", () -> {
      lookUps.incrementAndGet();
      return Optional.of("recorded");
    });

    assertThat(answer).isEqualTo(RequestReplay.Answer.first("made"));
    assertThat(answer.replayed()).isFalse();
    assertThat(lookUps).hasValue(0);
  }

  @Test
  void firstOrRecorded_theWriteLostTheRequestIdsKey_answersWhatTheFirstRecorded_asReplayed() {
    RequestReplay.Answer<String> answer = RequestReplay.firstOrRecorded(() -> {
      throw new WriteConflict("the request id is taken");
    }, () -> Optional.of("recorded"));

    assertThat(answer).isEqualTo(RequestReplay.Answer.replayed("recorded"));
    assertThat(answer.replayed()).isTrue();
  }

  @Test
  void firstOrRecorded_aConflictWithNothingRecorded_standsAsTheTypedConflict() {
    WriteConflict conflict = new WriteConflict("another key");

    assertThatThrownBy(() -> RequestReplay.firstOrRecorded(() -> {
      throw conflict;
    }, Optional::empty)).isSameAs(conflict);
  }

  @Test
  void firstOrRecorded_otherFailures_passThroughWithoutALookUp() {
    AtomicInteger lookUps = new AtomicInteger();
    DomainException refused = DomainException.of(ErrorKind.FAILED_PRECONDITION, "NOT_NOW", "not now");

    assertThatThrownBy(() -> RequestReplay.firstOrRecorded(() -> {
      throw refused;
    }, () -> {
      lookUps.incrementAndGet();
      return Optional.of("recorded");
    })).isSameAs(refused);
    assertThat(lookUps).hasValue(0);
  }

  @Test
  void firstOrRecorded_theIdRecordedForAnotherRequest_isRefusedAsReused() {
    RequestReplay.Recorded<String> recorded = new RequestReplay.Recorded<>(OTHER_FINGERPRINT, "recorded");

    assertThatThrownBy(() -> RequestReplay.firstOrRecorded(() -> {
      throw new WriteConflict("the request id is taken");
    }, () -> Optional.of(recorded.answerFor(FINGERPRINT)))).satisfies(RequestReplayTest::isReused);
  }

  @Test
  void answerFor_theSameRequest_isTheRecordedOutcome() {
    assertThat(new RequestReplay.Recorded<>(FINGERPRINT.clone(), 7).answerFor(FINGERPRINT)).isEqualTo(7);
  }

  @Test
  void answerFor_aDifferentRequest_isInvalidArgumentRequestIdReused_onTheRequestIdField() {
    assertThatThrownBy(() -> new RequestReplay.Recorded<>(FINGERPRINT, 7).answerFor(OTHER_FINGERPRINT))
        .satisfies(RequestReplayTest::isReused);
    assertThatThrownBy(() -> RequestReplay.checkSameRequest(FINGERPRINT, OTHER_FINGERPRINT)).satisfies(RequestReplayTest::isReused);
  }

  @Test
  void recorded_keepsItsOwnCopyOfTheFingerprint() {
    byte[] fingerprint = FINGERPRINT.clone();
    RequestReplay.Recorded<Integer> recorded = new RequestReplay.Recorded<>(fingerprint, 7);
    fingerprint[0] = 9;
    recorded.fingerprint()[1] = 9;

    assertThat(recorded.answerFor(FINGERPRINT)).isEqualTo(7);
  }

  @Test
  void forFirst_returnsOnceTheFirstCallFinished() {
    AtomicInteger looks = new AtomicInteger();

    assertThat(DuplicateWait.forFirst(() -> looks.incrementAndGet() == 3, Duration.ofSeconds(10))).isTrue();
    assertThat(looks).hasValue(3);
  }

  @Test
  void forFirst_givesUpAfterTheBound_soTheDuplicateCarriesTheRequestOutItself() {
    long start = System.nanoTime();

    assertThat(DuplicateWait.forFirst(() -> false, Duration.ofMillis(50))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void forFirst_aCancelledCallStopsWaiting() throws Exception {
    Context.CancellableContext call = Context.current().withCancellation();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicBoolean cancelled = new AtomicBoolean();
    try {
      timer.schedule(() -> cancelled.set(call.cancel(null)), 30, TimeUnit.MILLISECONDS);
      assertThatThrownBy(() -> call.run(() -> DuplicateWait.forFirst(() -> false, Duration.ofSeconds(30))))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.CANCELLED));
      assertThat(cancelled).isTrue();
    } finally {
      timer.shutdownNow();
    }
  }

  private static void isReused(Throwable thrown) {
    assertThat(thrown).isInstanceOfSatisfying(DomainException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
      assertThat(e.reason()).isEqualTo("REQUEST_ID_REUSED");
      assertThat(e.violations()).containsExactly(new FieldViolation("request_id", "was already used for a different request"));
    });
  }
}
