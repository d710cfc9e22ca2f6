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
import org.custody.disclosure.ledger.LedgerTransactions;
import org.custody.disclosure.recipient.RecipientStore;
import org.custody.platform.db.DatabaseSettings;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class DisclosureStores {
  private final DSLContext dsl;

  public DisclosureStores(DSLContext dsl) {
    this.dsl = dsl;
  }

  public LedgerTransactions transactions() {
    return new JooqTransactions(dsl);
  }

  /**
   * LedgerTransactions on a connection of their own for one writer thread (the ledger's): two round
   * trips per transaction. Close it when the writer stops.
   */
  public static LedgerTransactions dedicatedTransactions(DatabaseSettings settings, SQLDialect dialect) {
    return new DedicatedTransactions(settings, dialect);
  }

  public RecipientStore recipients() {
    return new JooqRecipientStore(dsl);
  }

  public LedgerStore ledger() {
    return new JooqLedgerStore(dsl);
  }

  public org.custody.disclosure.ledger.LedgerIncidentStore ledgerIncidents() {
    return new JooqLedgerIncidentStore(dsl);
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

  public ErasureStore erasures() {
    return new JooqErasureStore(dsl);
  }

  public SubjectExportStore exports() {
    return new JooqSubjectExportStore(dsl);
  }

  public org.custody.disclosure.staffaccess.StaffAccessStore staffAccesses() {
    return new JooqStaffAccessStore(dsl);
  }

  public PolicyStore policies() {
    return new JooqPolicyStore(dsl);
  }
}
