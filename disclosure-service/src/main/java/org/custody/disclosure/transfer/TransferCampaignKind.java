package org.custody.disclosure.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.campaign.CampaignKind;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.decision.SubjectDecision;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.errors.DomainException;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutgoingMail;
import org.custody.platform.subject.Subject;

/**
 * Corporate-transfer campaigns (P10): the addressees are the subjects in the disclosure's scope
 * with their contact addresses (identity, for the CONTACT purpose), each told who receives their
 * data and when. For a project or all-subjects scope, listing also makes the subjects known to
 * the decision (ListDisclosures, packages).
 */
final class TransferCampaignKind implements CampaignKind<TransferNoticeStore.Campaign> {
  static final String TOPIC = "transfer-notice";

  private final TransferNoticeStore store;
  private final DisclosureStore disclosures;
  private final Recipients recipients;
  private final NoticeAddresses addresses;
  private final SubjectPseudonyms pseudonyms;
  private final Outbox outbox;
  private final Duration noticePeriod;

  TransferCampaignKind(TransferNoticeStore store, DisclosureStore disclosures, Recipients recipients, NoticeAddresses addresses,
      SubjectPseudonyms pseudonyms, Outbox outbox, Duration noticePeriod) {
    this.store = store;
    this.disclosures = disclosures;
    this.recipients = recipients;
    this.addresses = addresses;
    this.pseudonyms = pseudonyms;
    this.outbox = outbox;
    this.noticePeriod = noticePeriod;
  }

  @Override
  public String name() {
    return "transfer";
  }

  @Override
  public List<TransferNoticeStore.Campaign> due(Instant now, int limit) {
    return store.unresolved(now, limit);
  }

  @Override
  public Listing list(TransferNoticeStore.Campaign campaign) {
    Disclosure disclosure = disclosures.find(campaign.disclosureId()).orElseThrow(() -> DomainException.notFound("disclosure"));
    String recipientName = recipients.version(disclosure.request().recipientId(), disclosure.recipientVersion()).displayName();
    List<Addressee> addressees = addresses.addressees(disclosure.request().scope());
    Map<Subject, String> subjectIds = pseudonyms.ledgerIds(addressees.stream().map(Addressee::subject).toList());
    return Listing.of(addressees, tx -> {
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
        disclosures.addSubjects(tx, disclosure.id(), subjects);
      }
      store.insertNotices(tx, disclosure.id(), notices);
    });
  }

  @Override
  public boolean markListed(Transaction tx, TransferNoticeStore.Campaign campaign, Instant time) {
    return store.markResolved(tx, campaign.disclosureId(), time);
  }

  @Override
  public void postpone(TransferNoticeStore.Campaign campaign, int attempts, Instant nextAttempt, String failure) {
    store.postpone(campaign.disclosureId(), attempts, nextAttempt, failure);
  }
}
