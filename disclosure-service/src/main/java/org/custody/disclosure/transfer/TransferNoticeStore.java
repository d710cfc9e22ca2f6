package org.custody.disclosure.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.campaign.CampaignKind;

/** Persistence of transfer notice campaigns: one per PENDING_NOTICE decision, one notice per affected subject. */
public interface TransferNoticeStore {
  /** A notice as stored: the subject and its outbox message (none when no address was known). */
  record StoredNotice(int position, String subjectKey, Optional<String> messageId) {}

  /** Delivery totals over a campaign's notices. */
  record DeliveryCounts(long notices, long delivered, long givenUp, Optional<Instant> lastDelivery) {}

  /** A campaign as stored. */
  record Campaign(String disclosureId, Optional<Instant> resolveTime, int attempts, Optional<String> lastFailure)
      implements CampaignKind.Campaign {
    @Override
    public String id() {
      return disclosureId;
    }
  }

  void openCampaign(String disclosureId, Instant now);

  /** Campaigns whose subjects are not listed yet and whose next attempt is due. */
  List<Campaign> unresolved(Instant now, int limit);

  Optional<Campaign> campaign(String disclosureId);

  /** Marks the campaign resolved (its subjects listed) at {@code time}; false (nothing written) if it was meanwhile. */
  boolean markResolved(String disclosureId, Instant time);

  /** Records the listed subjects and their queued notices. */
  void insertNotices(String disclosureId, List<StoredNotice> notices);

  /** Records a failed attempt to list the subjects ({@code failure}: an error reason, no personal data). */
  void postpone(String disclosureId, int attempts, Instant nextAttempt, String failure);

  /** Notices in position order after {@code afterPosition}. */
  List<StoredNotice> notices(String disclosureId, int afterPosition, int limit);

  /** Every notice of the campaign. */
  List<StoredNotice> allNotices(String disclosureId);

  /** How the campaign's notices were delivered (notices without an address count as given up). */
  DeliveryCounts deliveryCounts(String disclosureId);
}
