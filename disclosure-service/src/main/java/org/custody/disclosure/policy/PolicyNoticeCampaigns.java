package org.custody.disclosure.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.ledger.Transactions;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutgoingMail;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.disclosure.transfer.Addressee;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.SafeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-mail notices of significant policy versions (P14), one campaign per version. Publishing
 * opens the campaign in the publication's transaction and tries to list the primary account
 * holders at once; while identity cannot answer, a periodic job retries with backoff. Listing
 * queues one e-mail per holder in the outbox, in the same transaction that records the holders,
 * so a holder is told exactly once; the outbox delivers with retries and records each delivery.
 *
 * <p>Not to be confused with {@code decision.NoticeCampaigns}, the corporate-transfer notices (P10)
 * a disclosure decision waits for.
 */
public final class PolicyNoticeCampaigns {
  private static final Logger log = LoggerFactory.getLogger(PolicyNoticeCampaigns.class);
  public static final String TOPIC = "policy-notice";

  private final PolicyStore store;
  private final PrimaryAccountHolders holders;
  private final Outbox outbox;
  private final Transactions transactions;
  private final RetryPolicy listingRetries;
  private final Clock clock;

  /**
   * @param listingRetries how to retry listing the holders while identity is unavailable
   */
  public PolicyNoticeCampaigns(PolicyStore store, PrimaryAccountHolders holders, Outbox outbox, Transactions transactions,
      RetryPolicy listingRetries, Clock clock) {
    this.store = store;
    this.holders = holders;
    this.outbox = outbox;
    this.transactions = transactions;
    this.listingRetries = listingRetries;
    this.clock = clock;
  }

  /** Opens the campaign of a significant version within its publication's transaction. */
  void open(Transaction tx, String versionId, Instant start) {
    // The publisher tries at once; the job takes over only if that attempt never happens (a crash).
    store.openCampaign(tx, versionId, start, start.plus(listingRetries.delayAfter(1)));
  }

  /** Tries to list the holders of a just-published version now; a failure is recorded and retried by {@link #listDue}. */
  void listNow(String versionId) {
    store.campaign(versionId).filter(c -> c.listTime().isEmpty()).ifPresent(c -> {
      if (attempt(c)) {
        outbox.nudge();
      }
    });
  }

  /** Lists the holders of every campaign due and queues their notices; returns how many campaigns were listed. */
  public int listDue() {
    int listed = 0;
    for (PolicyStore.Campaign campaign : store.unlisted(clock.instant(), 20)) {
      if (attempt(campaign)) {
        listed++;
      }
    }
    if (listed > 0) {
      outbox.nudge();
    }
    return listed;
  }

  /** The campaign's progress; empty if the version has none. */
  Optional<NoticeCampaign> status(String versionId) {
    return store.campaign(versionId).map(c -> {
      long acknowledged = store.acknowledgements(versionId);
      if (c.listTime().isEmpty()) {
        return new NoticeCampaign(versionId, 0, 0, 0, 0, acknowledged, c.startTime(), Optional.empty(), c.lastFailure());
      }
      PolicyStore.DeliveryCounts counts = store.deliveryCounts(versionId);
      return new NoticeCampaign(versionId, counts.notices(), counts.sent(), counts.delivered(), counts.failed(), acknowledged,
          c.startTime(), c.listTime(), Optional.empty());
    });
  }

  /** The notice messages of every campaign (one cheap aggregate each), for the metrics. */
  public NoticeMessageTotals totals() {
    PolicyStore.DeliveryCounts counts = store.allDeliveryCounts();
    return new NoticeMessageTotals(counts.queued(), counts.sent(), counts.delivered(), counts.failed(), store.allSignificantAcknowledgements());
  }

  private boolean attempt(PolicyStore.Campaign campaign) {
    try {
      return list(campaign);
    } catch (RuntimeException e) {
      int attempts = campaign.attempts() + 1;
      Instant next = clock.instant().plus(listingRetries.delayAfter(attempts));
      // Only a code is kept: a domain error's reason (LEAF_UNAVAILABLE, LEAF_REFUSED), never a message.
      String failure = e instanceof DomainException d ? d.reason() : "INTERNAL";
      store.postpone(campaign.versionId(), attempts, next, failure);
      log.warn("listing the primary account holders failed policyVersion={} attempts={} nextAttempt={} cause={}",
          campaign.versionId(), attempts, next, e instanceof DomainException d ? d.reason() : SafeDescription.of(e));
      return false;
    }
  }

  private boolean list(PolicyStore.Campaign campaign) {
    PolicyVersion version = store.find(campaign.versionId())
        .orElseThrow(() -> new IllegalStateException("a campaign without its version"));
    List<Addressee> addressees = holders.primaryAccountHolders();
    Instant now = clock.instant();
    boolean listed = transactions.inTransaction(tx -> {
      if (!store.markListed(tx, version.id(), now)) {
        return false; // another instance listed it first and queued the mails
      }
      List<PolicyStore.StoredNotice> notices = new ArrayList<>();
      int position = 0;
      for (Addressee holder : addressees) {
        // An account's ledger id is its name (an id, no address): the outbox records deliveries under it.
        String account = holder.subject().account().orElseThrow();
        Optional<String> messageId = holder.email().map(to -> outbox.enqueue(tx, new OutgoingMail(TOPIC, version.name(),
            Optional.of(account), to, PolicyNoticeMail.subject(version), PolicyNoticeMail.body(holder, version))));
        notices.add(new PolicyStore.StoredNotice(position++, holder.subject().project(), account, messageId));
      }
      store.insertNotices(tx, version.id(), notices);
      return true;
    });
    if (listed) {
      log.info("policy notices queued policyVersion={} holders={} unaddressable={}", version.id(), addressees.size(),
          addressees.stream().filter(a -> a.email().isEmpty()).count());
    }
    return listed;
  }
}
