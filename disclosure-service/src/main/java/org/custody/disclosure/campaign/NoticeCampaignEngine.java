package org.custody.disclosure.campaign;

import org.custody.platform.db.Transactions;
import org.custody.platform.mail.OutboxTransaction;
import java.time.Clock;
import java.time.Instant;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.SafeDescription;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.platform.mail.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one cycle of every notice campaign: when a campaign is due, list its addressees (which may
 * need another service), then in one transaction mark it listed and queue every mail in the
 * outbox — so each addressee is told exactly once, whichever instance gets there first — and nudge
 * the outbox. A failure to list is recorded as its reason and retried with backoff; the outbox
 * delivers with retries of its own.
 */
public final class NoticeCampaignEngine {
  private static final Logger log = LoggerFactory.getLogger(NoticeCampaignEngine.class);
  /** Campaigns listed per run: a run stays short, the next one takes the rest. */
  static final int BATCH = 20;

  private final Outbox outbox;
  private final OutboxTransaction outboxTransaction;
  private final Transactions transactions;
  private final RetryPolicy listingRetries;
  private final Clock clock;

  /** @param listingRetries how to retry listing the addressees while their service is unavailable */
  public NoticeCampaignEngine(Outbox outbox, OutboxTransaction outboxTransaction, Transactions transactions, RetryPolicy listingRetries, Clock clock) {
    this.outbox = outbox;
    this.outboxTransaction = outboxTransaction;
    this.transactions = transactions;
    this.listingRetries = listingRetries;
    this.clock = clock;
  }

  /** When a new campaign's first attempt is due, if the attempt made at once never happens (a crash). */
  public Instant firstRetry(Instant start) {
    return start.plus(listingRetries.delayAfter(1));
  }

  /** Lists every due campaign of {@code kind} and queues its mails; returns how many were listed. */
  public <C extends CampaignKind.Campaign> int runDue(CampaignKind<C> kind) {
    int listed = 0;
    for (C campaign : kind.due(clock.instant(), BATCH)) {
      if (attempt(kind, campaign)) {
        listed++;
      }
    }
    if (listed > 0) {
      outbox.nudge();
    }
    return listed;
  }

  /** Lists one campaign now; false if it failed (recorded and retried later) or another instance was first. */
  public <C extends CampaignKind.Campaign> boolean listNow(CampaignKind<C> kind, C campaign) {
    boolean listed = attempt(kind, campaign);
    if (listed) {
      outbox.nudge();
    }
    return listed;
  }

  private <C extends CampaignKind.Campaign> boolean attempt(CampaignKind<C> kind, C campaign) {
    try {
      CampaignKind.Listing listing = kind.list(campaign);
      Instant now = clock.instant();
      boolean listed = transactions.inTransaction(() -> {
        if (!kind.markListed(campaign, now)) {
          return false; // another instance listed it first and queued the mails
        }
        listing.queue().accept(outboxTransaction);
        return true;
      });
      if (listed) {
        log.info("notices queued campaign={} id={} addressees={} unaddressable={}", kind.name(), campaign.id(), listing.addressees(),
            listing.unaddressable());
      }
      return listed;
    } catch (RuntimeException e) {
      int attempts = campaign.attempts() + 1;
      Instant next = clock.instant().plus(listingRetries.delayAfter(attempts));
      // Only a code is kept and logged: a domain error's reason (LEAF_UNAVAILABLE, LEAF_REFUSED), never a message.
      String failure = e instanceof DomainException d ? d.reason() : "INTERNAL";
      kind.postpone(campaign, attempts, next, failure);
      log.warn("listing the addressees of a notice campaign failed campaign={} id={} attempts={} nextAttempt={} cause={}", kind.name(),
          campaign.id(), attempts, next, e instanceof DomainException d ? d.reason() : SafeDescription.of(e));
      return false;
    }
  }
}
