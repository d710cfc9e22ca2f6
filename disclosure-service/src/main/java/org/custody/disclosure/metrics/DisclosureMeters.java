package org.custody.disclosure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.custody.disclosure.decision.DecisionMetrics;
import org.custody.disclosure.erasure.ErasureCounts;
import org.custody.disclosure.erasure.ErasureState;
import org.custody.disclosure.decision.DisclosureBasis;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.LedgerAudit;
import org.custody.disclosure.policy.NoticeMessageTotals;

/**
 * The disclosure service's domain meters. Labels are bounded enums (outcome, basis, state):
 * never a subject, recipient or address.
 */
public final class DisclosureMeters implements DecisionMetrics {
  private final MeterRegistry registry;

  public DisclosureMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The ledger gauges: entries, and the outcome and time of the last full verification. */
  public void watchLedger(Ledger ledger, LedgerAudit audit) {
    Gauge.builder("custody_ledger_entries", ledger, Ledger::size)
        .description("Entries in the disclosure ledger, as of this process's last append")
        .register(registry);
    Gauge.builder("custody_ledger_verification_ok", audit, a -> a.last().map(l -> l.verification().valid() ? 1.0 : 0.0).orElse(Double.NaN))
        .description("1 if the last full verification of the ledger against its signed tree head succeeded, 0 if it failed")
        .register(registry);
    Gauge.builder("custody_ledger_last_verification_timestamp_seconds", audit,
            a -> a.last().map(l -> l.time().getEpochSecond() + l.time().getNano() / 1e9).orElse(0.0))
        .description("When the last full verification of the ledger finished, in seconds since the epoch")
        .register(registry);
  }

  /**
   * {@code custody_notice_campaign_messages{state}}: the policy-change notices of every campaign
   * (queued, sent, delivered, failed) and the acknowledgements of significant versions, read from
   * the database at most once per {@code maxAge}.
   */
  public void watchNoticeCampaigns(Supplier<NoticeMessageTotals> totals, Duration maxAge) {
    CachedReading<NoticeMessageTotals> cached = new CachedReading<>("notice campaign totals", totals, maxAge);
    noticeGauge("queued", cached, NoticeMessageTotals::queued);
    noticeGauge("sent", cached, NoticeMessageTotals::sent);
    noticeGauge("delivered", cached, NoticeMessageTotals::delivered);
    noticeGauge("failed", cached, NoticeMessageTotals::failed);
    noticeGauge("acknowledged", cached, NoticeMessageTotals::acknowledged);
  }

  private void noticeGauge(String state, CachedReading<NoticeMessageTotals> totals, ToLongFunction<NoticeMessageTotals> count) {
    Gauge.builder("custody_notice_campaign_messages", totals, t -> t.get(count::applyAsLong))
        .description("Policy-change notices of all campaigns: queued (awaiting an attempt), sent (attempted at least once), "
            + "delivered, failed (given up), and acknowledgements of significant versions")
        .tag("state", state)
        .strongReference(true) // the gauges are the cache's only holders; a weak reference would read NaN after a GC
        .register(registry);
  }

  /**
   * The erasure saga gauges (P13): sagas by state, and the age of the oldest one still in
   * progress (0 when none is; alerted on past 7 days), read from the database at most once per
   * {@code maxAge}.
   */
  public void watchErasures(ErasureCounts counts, Duration maxAge, Clock clock) {
    CachedReading<ErasureCounts.Totals> cached = new CachedReading<>("erasure totals", counts::totals, maxAge);
    for (ErasureState state : ErasureState.values()) {
      Gauge.builder("custody_erasure_sagas", cached, c -> c.get(t -> t.count(state)))
          .description("Erasure sagas by state: in_progress (services still being asked) or completed")
          .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("custody_erasure_saga_oldest_pending_age_seconds", cached,
            c -> c.get(t -> t.oldestInProgress().map(o -> Math.max(0, Duration.between(o, clock.instant()).toMillis() / 1000.0)).orElse(0.0)))
        .description("Age of the oldest erasure saga still in progress, in seconds; 0 when none is")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void decided(Outcome outcome, DisclosureBasis basis) {
    Counter.builder("custody_disclosure_decisions")
        .description("Disclosure decisions (new decisions and changed outcomes on re-evaluation) by outcome and basis")
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .tag("basis", basis.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }
}
