package org.custody.disclosure.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.campaign.CampaignKind;

/** Persistence of policy versions, their notice campaigns and the acknowledgements of accounts (P14). */
public interface PolicyStore {
  /** Where a page of versions ends, newest first. */
  record Cursor(Instant publishTime, String id) {}

  /** A campaign as stored. */
  record Campaign(String versionId, Instant startTime, Optional<Instant> listTime, int attempts, Optional<String> lastFailure)
      implements CampaignKind.Campaign {
    @Override
    public String id() {
      return versionId;
    }
  }

  /** A notice as stored: the holder's account and its outbox message (none when no address was known). */
  record StoredNotice(int position, String project, String account, Optional<String> messageId) {}

  /**
   * Delivery totals over notices.
   *
   * @param queued messages waiting for an attempt (first or retry)
   * @param sent messages attempted at least once
   * @param failed messages given up, and notices without an address
   */
  record DeliveryCounts(long notices, long queued, long sent, long delivered, long failed) {}

  /** An account's acknowledgement of a version. */
  record Acknowledgement(String account, String versionId, Instant time, long ledgerIndex) {}

  /** Inserts a version; false (and nothing written) if its id is taken. */
  boolean insert(PolicyVersion version);

  Optional<PolicyVersion> find(String id);

  /** Versions newest first, after {@code after}. */
  List<PolicyVersion> list(Optional<Cursor> after, int limit);

  /** The most recently published significant version. */
  Optional<PolicyVersion> latestSignificant();

  void openCampaign(String versionId, Instant start, Instant firstAttempt);

  Optional<Campaign> campaign(String versionId);

  /** Campaigns whose holders are not listed yet and whose next attempt is due. */
  List<Campaign> unlisted(Instant now, int limit);

  /** Marks the campaign listed at {@code time}; false (and nothing written) if it was listed meanwhile. */
  boolean markListed(String versionId, Instant time);

  /** Records the listed holders' notices. */
  void insertNotices(String versionId, List<StoredNotice> notices);

  /** Records a failed attempt to list the holders ({@code failure}: a code, no personal data). */
  void postpone(String versionId, int attempts, Instant nextAttempt, String failure);

  /** How one campaign's notices were delivered. */
  DeliveryCounts deliveryCounts(String versionId);

  /** How the notices of every campaign were delivered (for the metrics). */
  DeliveryCounts allDeliveryCounts();

  /** Inserts an acknowledgement; false (and nothing written) if the account already acknowledged the version. */
  boolean insertAcknowledgement(Acknowledgement acknowledgement);

  Optional<Acknowledgement> acknowledgement(String account, String versionId);

  long acknowledgements(String versionId);

  /** Acknowledgements of every significant version (for the metrics). */
  long allSignificantAcknowledgements();
}
