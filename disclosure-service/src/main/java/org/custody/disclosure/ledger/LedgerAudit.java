package org.custody.disclosure.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full verifications of the ledger (periodic job and on request), remembering the last outcome
 * so that metrics and alerts can tell whether the log still checks out.
 */
public final class LedgerAudit {
  private static final Logger log = LoggerFactory.getLogger(LedgerAudit.class);

  /** A verification and when it finished. */
  public record Audited(Verification verification, Instant time) {}

  private final Ledger ledger;
  private final Clock clock;
  private final AtomicReference<Audited> last = new AtomicReference<>();
  private final java.util.function.Consumer<Verification> onFailure;

  public LedgerAudit(Ledger ledger, Clock clock) {
    this(ledger, clock, failed -> {});
  }

  /** @param onFailure told of every failed verification (the incidents that make disclosure fail closed) */
  public LedgerAudit(Ledger ledger, Clock clock, java.util.function.Consumer<Verification> onFailure) {
    this.ledger = ledger;
    this.clock = clock;
    this.onFailure = onFailure;
  }

  /** Verifies the whole log now. */
  public Verification verify() {
    return verify(VerificationProgress.NONE);
  }

  /** Verifies the whole log now, telling {@code progress} as it goes. */
  public Verification verify(VerificationProgress progress) {
    long started = System.nanoTime();
    Verification result = ledger.verify(progress);
    last.set(new Audited(result, clock.instant()));
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (result.valid()) {
      log.info("ledger verified treeSize={} millis={}", result.treeSize(), millis);
    } else {
      log.error("LEDGER VERIFICATION FAILED treeSize={} failure={}", result.treeSize(), result.failure().orElse(""));
      onFailure.accept(result);
    }
    return result;
  }

  public Optional<Audited> last() {
    return Optional.ofNullable(last.get());
  }
}
