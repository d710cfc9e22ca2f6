package org.custody.disclosure.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.custody.disclosure.campaign.NoticeCampaignEngine;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.decision.NoticeCampaigns;
import org.custody.disclosure.decision.NoticeStatus;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.errors.DomainException;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.subject.Subject;

/**
 * The notices of corporate transfers (P10). A PENDING_NOTICE decision opens a campaign in its own
 * transaction; a job then lists the affected subjects with their contact addresses (identity, for
 * the CONTACT purpose) and queues one e-mail per subject in the outbox, retrying while identity is
 * unavailable. Deliveries are recorded per subject by the outbox (and in the ledger). The cycle is
 * the {@link NoticeCampaignEngine}'s; what is particular to transfers is {@link TransferCampaignKind}.
 */
public final class TransferNotices implements NoticeCampaigns {
  public static final String TOPIC = TransferCampaignKind.TOPIC;

  private final TransferNoticeStore store;
  private final DisclosureStore disclosures;
  private final Outbox outbox;
  private final TransferCampaignKind kind;
  private final NoticeCampaignEngine engine;
  private final Clock clock;
  private final Consumer<Runnable> soon;

  /** @param soon runs a task soon on the jobs thread */
  public TransferNotices(TransferNoticeStore store, DisclosureStore disclosures, Recipients recipients, NoticeAddresses addresses,
      SubjectPseudonyms pseudonyms, Outbox outbox, NoticeCampaignEngine engine, Duration noticePeriod, Clock clock,
      Consumer<Runnable> soon) {
    this.store = store;
    this.disclosures = disclosures;
    this.outbox = outbox;
    this.kind = new TransferCampaignKind(store, disclosures, recipients, addresses, pseudonyms, outbox, noticePeriod);
    this.engine = engine;
    this.clock = clock;
    this.soon = soon;
  }

  @Override
  public void open(Transaction tx, Disclosure disclosure) {
    store.openCampaign(tx, disclosure.id(), clock.instant());
  }

  @Override
  public void nudge() {
    soon.accept(this::resolveDue);
  }

  @Override
  public NoticeStatus status(String disclosureId) {
    Optional<TransferNoticeStore.Campaign> campaign = store.campaign(disclosureId);
    if (campaign.isEmpty() || campaign.get().resolveTime().isEmpty()) {
      return NoticeStatus.notStarted(campaign.flatMap(TransferNoticeStore.Campaign::lastFailure));
    }
    TransferNoticeStore.DeliveryCounts counts = store.deliveryCounts(disclosureId);
    return new NoticeStatus(campaign.get().resolveTime(), counts.notices(), counts.delivered(), counts.givenUp(), counts.lastDelivery(),
        Optional.empty());
  }

  /** Lists the subjects of every campaign due and queues their notices; returns how many campaigns were resolved. */
  public int resolveDue() {
    return engine.runDue(kind);
  }

  /** A page of a campaign's notices with their delivery state. */
  public List<TransferNotice> notices(String disclosureId, int afterPosition, int limit) {
    disclosures.find(disclosureId).orElseThrow(() -> DomainException.notFound("disclosure"));
    List<TransferNoticeStore.StoredNotice> page = store.notices(disclosureId, afterPosition, limit);
    Map<String, OutboxMessage> messages = outbox.find(page.stream().flatMap(n -> n.messageId().stream()).toList());
    List<TransferNotice> notices = new ArrayList<>();
    for (TransferNoticeStore.StoredNotice n : page) {
      Subject subject = Subject.fromKey(n.subjectKey());
      OutboxMessage message = n.messageId().map(messages::get).orElse(null);
      notices.add(message == null
          ? new TransferNotice(n.position(), subject, MessageState.FAILED, 0, Optional.empty())
          : new TransferNotice(n.position(), subject, message.state(), message.attempts(), message.deliverTime()));
    }
    return notices;
  }

  /** The subjects notified for a transfer, in order (the package's subjects once it is ALLOWED). */
  public List<Subject> notifiedSubjects(String disclosureId) {
    return store.allNotices(disclosureId).stream().map(n -> Subject.fromKey(n.subjectKey())).toList();
  }
}
