package org.custody.disclosure.policy;

import java.time.Instant;
import java.util.Optional;
import org.custody.disclosure.campaign.NoticeCampaignEngine;
import org.custody.platform.mail.Outbox;

/**
 * The e-mail notices of significant policy versions (P14), one campaign per version. Publishing
 * opens the campaign in the publication's transaction and tries to list the primary account
 * holders at once; while identity cannot answer, a periodic job retries with backoff. Listing
 * queues one e-mail per holder in the outbox, in the same transaction that records the holders,
 * so a holder is told exactly once; the outbox delivers with retries and records each delivery.
 * The cycle is the {@link NoticeCampaignEngine}'s; what is particular to policy versions is
 * {@link PolicyCampaignKind}.
 *
 * <p>Not to be confused with {@code decision.NoticeCampaigns}, the corporate-transfer notices (P10)
 * a disclosure decision waits for.
 */
public final class PolicyNoticeCampaigns {
  public static final String TOPIC = PolicyCampaignKind.TOPIC;

  private final PolicyStore store;
  private final PolicyCampaignKind kind;
  private final NoticeCampaignEngine engine;

  public PolicyNoticeCampaigns(PolicyStore store, HolderDirectory holders, Outbox outbox, NoticeCampaignEngine engine) {
    this.store = store;
    this.kind = new PolicyCampaignKind(store, holders, outbox);
    this.engine = engine;
  }

  /** Opens the campaign of a significant version within its publication's transaction. */
  void open(String versionId, Instant start) {
    // The publisher tries at once; the job takes over only if that attempt never happens (a crash).
    store.openCampaign(versionId, start, engine.firstRetry(start));
  }

  /** Tries to list the holders of a just-published version now; a failure is recorded and retried by {@link #listDue}. */
  void listNow(String versionId) {
    store.campaign(versionId).filter(c -> c.listTime().isEmpty()).ifPresent(c -> engine.listNow(kind, c));
  }

  /** Lists the holders of every campaign due and queues their notices; returns how many campaigns were listed. */
  public int listDue() {
    return engine.runDue(kind);
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
}
