package org.custody.disclosure.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.campaign.CampaignKind;
import org.custody.disclosure.transfer.Addressee;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutgoingMail;

/** Policy-version campaigns (P14): the addressees are the primary account holders, each told of the version. */
final class PolicyCampaignKind implements CampaignKind<PolicyStore.Campaign> {
  static final String TOPIC = "policy-notice";

  private final PolicyStore store;
  private final HolderDirectory holders;
  private final Outbox outbox;

  PolicyCampaignKind(PolicyStore store, HolderDirectory holders, Outbox outbox) {
    this.store = store;
    this.holders = holders;
    this.outbox = outbox;
  }

  @Override
  public String name() {
    return "policy";
  }

  @Override
  public List<PolicyStore.Campaign> due(Instant now, int limit) {
    return store.unlisted(now, limit);
  }

  @Override
  public Listing list(PolicyStore.Campaign campaign) {
    PolicyVersion version = store.find(campaign.versionId())
        .orElseThrow(() -> new IllegalStateException("a campaign without its version"));
    List<Addressee> addressees = holders.primaryAccountHolders();
    return Listing.of(addressees, tx -> {
      List<PolicyStore.StoredNotice> notices = new ArrayList<>();
      int position = 0;
      for (Addressee holder : addressees) {
        // An account's ledger id is its name (an id, no address): the outbox records deliveries under it.
        String account = holder.subject().account().orElseThrow();
        Optional<String> messageId = holder.email().map(to -> outbox.enqueue(tx, new OutgoingMail(TOPIC, version.name(),
            Optional.of(account), to, PolicyNoticeMail.subject(version), PolicyNoticeMail.body(holder, version))));
        notices.add(new PolicyStore.StoredNotice(position++, holder.subject().project(), account, messageId));
      }
      store.insertNotices(version.id(), notices);
    });
  }

  @Override
  public boolean markListed(PolicyStore.Campaign campaign, Instant time) {
    return store.markListed(campaign.versionId(), time);
  }

  @Override
  public void postpone(PolicyStore.Campaign campaign, int attempts, Instant nextAttempt, String failure) {
    store.postpone(campaign.versionId(), attempts, nextAttempt, failure);
  }
}
