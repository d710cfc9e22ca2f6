package org.custody.billing.testing;

import java.security.SecureRandom;
import org.custody.billing.crypto.Envelope;
import org.custody.billing.crypto.KeyRing;
import org.custody.billing.crypto.RootKey;
import org.custody.billing.crypto.SubjectKeys;
import org.custody.billing.invoice.Invoices;
import org.custody.billing.invoice.RetentionPolicy;
import org.custody.billing.keys.KeyVersions;
import org.custody.billing.keys.Rewrapper;
import org.custody.billing.payment.PaymentMethods;
import org.custody.billing.profile.BillingProfiles;
import org.custody.billing.subject.RetentionPurge;
import org.custody.billing.subject.BillingDataErasure;
import org.custody.billing.subject.BillingDataExport;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.testkit.MutableClock;

/** The billing domain wired on in-memory stores, real crypto and a clock the test moves. */
public final class InMemoryBilling {
  public final MutableClock clock;
  public final RootKey root = RootKey.fromJson(RootKey.generateJson());
  public final InMemoryKekVersionStore kekVersions = new InMemoryKekVersionStore();
  public final InMemoryDataKeyStore dataKeys = new InMemoryDataKeyStore();
  public final InMemoryBillingProfileStore profileStore = new InMemoryBillingProfileStore(dataKeys);
  public final InMemoryPaymentMethodStore paymentMethodStore = new InMemoryPaymentMethodStore(dataKeys);
  public final InMemoryInvoiceStore invoiceStore = new InMemoryInvoiceStore(dataKeys);
  public final InMemoryRewrapJobStore rewrapJobs = new InMemoryRewrapJobStore();
  public final InMemoryErasureReceiptStore receipts = new InMemoryErasureReceiptStore();
  public final RandomIds ids = new RandomIds(new SecureRandom());
  public final Transactions transactions = Transactions.none();
  public final KeyRing ring;
  public final Envelope envelope;
  public final SubjectKeys keys;
  public final BillingProfiles profiles;
  public final PaymentMethods paymentMethods;
  public final Invoices invoices;
  public final KeyVersions keyVersions;
  public final Rewrapper rewrapper;
  public final BillingDataExport export;
  public final BillingDataErasure erasure;
  public final RetentionPurge purge;

  public InMemoryBilling(MutableClock clock) {
    this(clock, 2);
  }

  public InMemoryBilling(MutableClock clock, int rewrapBatchSize) {
    this.clock = clock;
    ring = new KeyRing(root, kekVersions, transactions, clock).open();
    envelope = new Envelope(ring);
    keys = new SubjectKeys(dataKeys, envelope, ids, clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    profiles = new BillingProfiles(profileStore, keys, transactions, ids, clock);
    paymentMethods = new PaymentMethods(paymentMethodStore, keys, transactions, ids, clock);
    invoices = new Invoices(invoiceStore, profiles, keys, new RetentionPolicy(10, RetentionPolicy.DEFAULT_LEGAL_BASIS), transactions, ids,
        clock);
    keyVersions = new KeyVersions(ring, kekVersions, dataKeys, rewrapJobs, transactions, clock);
    rewrapper = new Rewrapper(dataKeys, rewrapJobs, kekVersions, envelope, transactions, ids, clock, rewrapBatchSize,
        java.time.Duration.ofSeconds(30));
    export = new BillingDataExport(profiles, paymentMethods, invoices);
    erasure = new BillingDataErasure(keys, paymentMethodStore, profileStore, invoices, receipts, transactions, ids, clock);
    purge = new RetentionPurge(invoiceStore, dataKeys, keys, transactions, clock);
  }
}
