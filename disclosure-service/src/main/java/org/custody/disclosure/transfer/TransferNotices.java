package org.custody.disclosure.transfer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.decision.NoticeCampaigns;
import org.custody.disclosure.decision.NoticeStatus;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.decision.SubjectDecision;
import org.custody.disclosure.ledger.Transactions;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.mail.OutgoingMail;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.subject.Subject;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.SafeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notices of corporate transfers (P10). A PENDING_NOTICE decision opens a campaign in its own
 * transaction; a job then lists the affected subjects with their contact addresses (identity, for
 * the CONTACT purpose) and queues one e-mail per subject in the outbox, retrying while identity is
 * unavailable. Deliveries are recorded per subject by the outbox (and in the ledger).
 */
public final class TransferNotices implements NoticeCampaigns {
  private static final Logger log = LoggerFactory.getLogger(TransferNotices.class);
  public static final String TOPIC = "transfer-notice";

  private final TransferNoticeStore store;
  private final DisclosureStore disclosures;
  private final Recipients recipients;
  private final NoticeAddresses addresses;
  private final SubjectPseudonyms pseudonyms;
  private final Outbox outbox;
  private final Transactions transactions;
  private final RetryPolicy listingRetries;
  private final Duration noticePeriod;
  private final Clock clock;
  private final Consumer<Runnable> soon;

  /**
   * @param listingRetries how to retry listing the subjects while identity is unavailable
   * @param soon runs a task soon on the jobs thread
   */
  public TransferNotices(TransferNoticeStore store, DisclosureStore disclosures, Recipients recipients, NoticeAddresses addresses,
      SubjectPseudonyms pseudonyms, Outbox outbox, Transactions transactions, RetryPolicy listingRetries, Duration noticePeriod,
      Clock clock, Consumer<Runnable> soon) {
    this.store = store;
    this.disclosures = disclosures;
    this.recipients = recipients;
    this.addresses = addresses;
    this.pseudonyms = pseudonyms;
    this.outbox = outbox;
    this.transactions = transactions;
    this.listingRetries = listingRetries;
    this.noticePeriod = noticePeriod;
    this.clock = clock;
    this.soon = soon;
  }

  @Override
  public void open(org.custody.disclosure.ledger.Transaction tx, Disclosure disclosure) {
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
    int resolved = 0;
    for (TransferNoticeStore.Campaign campaign : store.unresolved(clock.instant(), 20)) {
      try {
        resolve(campaign);
        resolved++;
      } catch (RuntimeException e) {
        int attempts = campaign.attempts() + 1;
        Instant next = clock.instant().plus(listingRetries.delayAfter(attempts));
        // A domain error's message names the service and code, never a person; anything else is summarised by class.
        String failure = e instanceof DomainException d ? d.reason() + ": " + d.getMessage() : e.getClass().getSimpleName();
        store.postpone(campaign.disclosureId(), attempts, next, failure);
        log.warn("listing the subjects of a transfer failed disclosure={} attempts={} nextAttempt={} cause={}",
            campaign.disclosureId(), attempts, next, e instanceof DomainException d ? d.reason() : SafeDescription.of(e));
      }
    }
    if (resolved > 0) {
      outbox.nudge();
    }
    return resolved;
  }

  private void resolve(TransferNoticeStore.Campaign campaign) {
    Disclosure disclosure = disclosures.find(campaign.disclosureId()).orElseThrow(() -> DomainException.notFound("disclosure"));
    String recipientName = recipients.version(disclosure.request().recipientId(), disclosure.recipientVersion()).displayName();
    List<Addressee> addressees = addresses.addressees(disclosure.request().scope());
    Map<Subject, String> subjectIds = pseudonyms.ledgerIds(addressees.stream().map(Addressee::subject).toList());
    Instant now = clock.instant();
    transactions.inTransaction(tx -> {
      List<TransferNoticeStore.StoredNotice> notices = new ArrayList<>();
      List<SubjectDecision> subjects = new ArrayList<>();
      int position = 0;
      for (Addressee addressee : addressees) {
        Optional<String> messageId = addressee.email().map(to -> outbox.enqueue(tx, new OutgoingMail(TOPIC, disclosure.name(),
            Optional.of(subjectIds.get(addressee.subject())), to, TransferNoticeMail.subject(recipientName),
            TransferNoticeMail.body(addressee, recipientName, disclosure, noticePeriod))));
        notices.add(new TransferNoticeStore.StoredNotice(position++, addressee.subject().key(), messageId));
        subjects.add(new SubjectDecision(addressee.subject(), Outcome.PENDING_NOTICE, "notified of the transfer"));
      }
      if (disclosure.request().scope().subjects().isEmpty()) {
        // A project or all-subjects scope: the subjects are known from now on (ListDisclosures, packages).
        disclosures.addSubjects(tx, disclosure.id(), subjects);
      }
      store.resolve(tx, disclosure.id(), now, notices);
      return null;
    });
    log.info("transfer notices queued disclosure={} subjects={} unaddressable={}", disclosure.id(), addressees.size(),
        addressees.stream().filter(a -> a.email().isEmpty()).count());
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
