package org.custody.disclosure.store;

import java.time.Clock;
import org.custody.disclosure.consent.ConsentStore;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.erasure.ErasureStore;
import org.custody.disclosure.rights.SubjectExportStore;
import org.custody.disclosure.ledger.LedgerStore;
import org.custody.disclosure.policy.PolicyStore;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.disclosure.transfer.TransferNoticeStore;
import org.custody.disclosure.recipient.RecipientStore;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.OutboxTransaction;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class DisclosureStores {
  private final StoreContext context;

  public DisclosureStores(DSLContext dsl) {
    this.context = new StoreContext(new ThreadBoundTransactions(dsl));
  }

  /** Domain work spanning several stores: the platform's thread-bound transactions, shared by every store here. */
  public Transactions transactions() {
    return context.transactions();
  }

  /** Where the mail outbox queues messages: the transaction open on this thread (with the ledger writer's statements inside it). */
  public OutboxTransaction outboxTransaction() {
    return context.outboxTransaction();
  }

  /**
   * The ledger writer's group commits on a connection of their own for its one thread: two round
   * trips per transaction. Close them when the writer stops.
   */
  public LedgerWriterTransactions ledgerWriterTransactions(DatabaseSettings settings, SQLDialect dialect) {
    return new LedgerWriterTransactions(context, settings, dialect);
  }

  /** The ledger writer's group commits on the pool's connections (tests and tools). */
  public LedgerWriterTransactions ledgerWriterTransactions() {
    return new LedgerWriterTransactions(context, null, null);
  }

  public RecipientStore recipients() {
    return new JooqRecipientStore(context);
  }

  public LedgerStore ledger() {
    return new JooqLedgerStore(context);
  }

  public org.custody.disclosure.ledger.LedgerIncidentStore ledgerIncidents() {
    return new JooqLedgerIncidentStore(context);
  }

  public ConsentStore consents() {
    return new JooqConsentStore(context);
  }

  public SubjectPseudonyms pseudonyms(Clock clock) {
    return new JooqSubjectPseudonyms(context, clock);
  }

  public DisclosureStore disclosures() {
    return new JooqDisclosureStore(context);
  }

  public TransferNoticeStore transferNotices() {
    return new JooqTransferNoticeStore(context);
  }

  public ErasureStore erasures() {
    return new JooqErasureStore(context);
  }

  public SubjectExportStore exports() {
    return new JooqSubjectExportStore(context);
  }

  public org.custody.disclosure.staffaccess.StaffAccessStore staffAccesses() {
    return new JooqStaffAccessStore(context);
  }

  public PolicyStore policies() {
    return new JooqPolicyStore(context);
  }
}
