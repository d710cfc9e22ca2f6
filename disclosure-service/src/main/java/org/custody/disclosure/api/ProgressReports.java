package org.custody.disclosure.api;

import io.grpc.stub.StreamObserver;
import org.custody.disclosure.ledger.Verification;
import org.custody.proto.disclosure.v1.VerifyLedgerProgress;
import org.custody.proto.disclosure.v1.VerifyLedgerWithProgressResponse;

/**
 * Turns a verification's progress into stream messages: the first at once, then at most one every
 * half second (a million entries take seconds; a message per page would only be noise), and a
 * last one with everything checked.
 */
final class ProgressReports {
  private static final long INTERVAL_NANOS = 500_000_000L;

  private final StreamObserver<VerifyLedgerWithProgressResponse> response;
  private final long started;
  private long lastSent = Long.MIN_VALUE;
  private long total;

  ProgressReports(StreamObserver<VerifyLedgerWithProgressResponse> response, long startedNanos) {
    this.response = response;
    this.started = startedNanos;
  }

  void checked(long checked, long total) {
    this.total = total;
    long now = System.nanoTime();
    if (lastSent == Long.MIN_VALUE || now - lastSent >= INTERVAL_NANOS) {
      lastSent = now;
      send(checked, now);
    }
  }

  void finish(Verification result) {
    if (result.valid()) {
      send(Math.max(result.treeSize(), total), System.nanoTime());
    }
  }

  private void send(long checked, long now) {
    double seconds = Math.max(now - started, 1) / 1e9;
    double rate = checked / seconds;
    long leftNanos = rate <= 0 ? 0 : (long) ((total - checked) / rate * 1e9);
    response.onNext(VerifyLedgerWithProgressResponse.newBuilder().setProgress(VerifyLedgerProgress.newBuilder()
        .setEntriesChecked(checked)
        .setTreeSize(total)
        .setEntriesPerSecond(rate)
        .setEstimatedTimeLeft(com.google.protobuf.Duration.newBuilder()
            .setSeconds(leftNanos / 1_000_000_000L).setNanos((int) (leftNanos % 1_000_000_000L))))
        .build());
  }
}
