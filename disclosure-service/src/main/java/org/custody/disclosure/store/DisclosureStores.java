package org.custody.disclosure.store;

import java.time.Clock;
import org.custody.disclosure.consent.ConsentStore;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.ledger.LedgerStore;
import org.custody.disclosure.mail.OutboxStore;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.disclosure.transfer.TransferNoticeStore;
import org.custody.disclosure.ledger.Transactions;
import org.custody.disclosure.recipient.RecipientStore;
import org.jooq.DSLContext;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class DisclosureStores {
  private final DSLContext dsl;

  public DisclosureStores(DSLContext dsl) {
    this.dsl = dsl;
  }

  public Transactions transactions() {
    return new JooqTransactions(dsl);
  }

  public RecipientStore recipients() {
    return new JooqRecipientStore(dsl);
  }

  public LedgerStore ledger() {
    return new JooqLedgerStore(dsl);
  }

  public ConsentStore consents() {
    return new JooqConsentStore(dsl);
  }

  public SubjectPseudonyms pseudonyms(Clock clock) {
    return new JooqSubjectPseudonyms(dsl, clock);
  }

  public DisclosureStore disclosures() {
    return new JooqDisclosureStore(dsl);
  }

  public TransferNoticeStore transferNotices() {
    return new JooqTransferNoticeStore(dsl);
  }

  public OutboxStore outbox() {
    return new JooqOutboxStore(dsl);
  }
}
