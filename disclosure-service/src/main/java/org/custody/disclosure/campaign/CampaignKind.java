package org.custody.disclosure.campaign;

import org.custody.platform.mail.OutboxTransaction;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.custody.disclosure.transfer.Addressee;

/**
 * What differs between the kinds of notice campaign — policy versions (P14) and corporate
 * transfers (P10): where a kind keeps its campaigns, who its addressees are and what each is
 * sent. The cycle they share (list when due, queue every mail in the transaction that records
 * the listing, postpone with backoff on failure) is {@link NoticeCampaignEngine}'s.
 *
 * @param <C> the kind's stored campaign
 */
public interface CampaignKind<C extends CampaignKind.Campaign> {
  /** A campaign as its store keeps it. */
  interface Campaign {
    /** The campaign's id: the policy version's or the disclosure's. */
    String id();

    /** Failed attempts to list its addressees so far. */
    int attempts();
  }

  /**
   * A campaign's addressees, listed and ready to be queued.
   *
   * @param queue queues one mail per addressee with an address in the outbox and records the
   *     notices, in the transaction that marked the campaign listed
   */
  record Listing(int addressees, long unaddressable, Consumer<OutboxTransaction> queue) {
    public static Listing of(List<Addressee> addressees, Consumer<OutboxTransaction> queue) {
      return new Listing(addressees.size(), addressees.stream().filter(a -> a.email().isEmpty()).count(), queue);
    }
  }

  /** In log lines: {@code policy} or {@code transfer}. */
  String name();

  /** Campaigns not listed yet whose next attempt is due, oldest first. */
  List<C> due(Instant now, int limit);

  /** Lists the campaign's addressees; outside any transaction, as it may ask another service. */
  Listing list(C campaign);

  /** Marks the campaign listed at {@code time}; false (nothing written) if another instance was first. */
  boolean markListed(C campaign, Instant time);

  /** Records a failed attempt ({@code failure}: an error reason, never personal data). */
  void postpone(C campaign, int attempts, Instant nextAttempt, String failure);
}
