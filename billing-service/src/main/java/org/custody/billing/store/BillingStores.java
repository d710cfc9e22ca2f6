package org.custody.billing.store;

import org.custody.billing.crypto.DataKeyStore;
import org.custody.billing.crypto.KekVersionStore;
import org.custody.billing.invoice.InvoiceStore;
import org.custody.billing.keys.RewrapJobStore;
import org.custody.billing.payment.PaymentMethodStore;
import org.custody.billing.profile.BillingProfileStore;
import org.custody.billing.subject.ErasureReceiptStore;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.db.Transactions;
import org.jooq.DSLContext;

/**
 * The composition root's only way to the jOOQ stores, which are package-private. All stores of
 * one instance share its {@link #transactions()}: work run there commits or rolls back as one.
 */
public final class BillingStores {
  private final ThreadBoundTransactions db;

  public BillingStores(DSLContext dsl) {
    this.db = new ThreadBoundTransactions(dsl);
  }

  public Transactions transactions() {
    return db;
  }

  public KekVersionStore kekVersions() {
    return new JooqKekVersionStore(db);
  }

  public DataKeyStore dataKeys() {
    return new JooqDataKeyStore(db);
  }

  public BillingProfileStore profiles() {
    return new JooqBillingProfileStore(db);
  }

  public PaymentMethodStore paymentMethods() {
    return new JooqPaymentMethodStore(db);
  }

  public InvoiceStore invoices() {
    return new JooqInvoiceStore(db);
  }

  public RewrapJobStore rewrapJobs() {
    return new JooqRewrapJobStore(db);
  }

  public ErasureReceiptStore erasureReceipts() {
    return new JooqErasureReceiptStore(db);
  }
}
