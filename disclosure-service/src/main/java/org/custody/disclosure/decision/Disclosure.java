package org.custody.disclosure.decision;

import java.time.Instant;
import java.util.Optional;

/**
 * A decided disclosure request, as stored.
 *
 * @param recipientVersion the recipient version the (latest) decision used
 * @param decideTime when decided, or last re-decided
 * @param expireTime until when an ALLOWED package may be fetched
 * @param noticePeriodEnd for PENDING_NOTICE: the earliest the notice period can end
 * @param ledgerIndex the ledger entry of the latest decision
 * @param release the package release, once fetched
 */
public record Disclosure(
    String id,
    DisclosureRequest request,
    long recipientVersion,
    Decision decision,
    Instant decideTime,
    Optional<Instant> expireTime,
    Optional<Instant> noticePeriodEnd,
    long ledgerIndex,
    Optional<Release> release) {

  /** When the package went out and the ledger entry recording it. */
  public record Release(Instant time, long ledgerIndex) {}

  /** {@code disclosures/{id}}. */
  public String name() {
    return "disclosures/" + id;
  }

  public Outcome outcome() {
    return decision.outcome();
  }

  Disclosure redecided(long newRecipientVersion, Decision newDecision, Instant time, Optional<Instant> expiry,
      Optional<Instant> noticeEnd, long newLedgerIndex) {
    return new Disclosure(id, request, newRecipientVersion, newDecision, time, expiry, noticeEnd, newLedgerIndex, release);
  }
}
