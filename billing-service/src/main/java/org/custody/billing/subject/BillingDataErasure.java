package org.custody.billing.subject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.crypto.DataKeyRow;
import org.custody.billing.crypto.SubjectKeys;
import org.custody.billing.invoice.Invoices;
import org.custody.billing.payment.PaymentMethodStore;
import org.custody.billing.profile.BillingProfileStore;
import org.custody.platform.api.AccountName;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.subject.ErasureReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a subject (P13), in one transaction: payment methods and billing profiles are deleted,
 * invoices still under legal retention are resealed under the subject's RETENTION key (those past
 * it are deleted), and the subject's data key is destroyed. Destroying the key is what makes the
 * erasure reach copies: rows copied before (backups, replicas, exports of the tables) were
 * sealed under that key and can no longer be opened by anyone.
 *
 * <p>Erasing a subject again returns the first receipt when nothing new was found to erase.
 */
public final class BillingDataErasure {
  private static final Logger log = LoggerFactory.getLogger(BillingDataErasure.class);
  /** What retained invoices contain. */
  static final List<DataCategory> INVOICE_CATEGORIES = List.of(DataCategory.USER_UNIQUE_ID, DataCategory.USER_NAME,
      DataCategory.USER_WORKPLACE, DataCategory.USER_CONTACT_ADDRESS, DataCategory.USER_FINANCIAL);

  private final SubjectKeys keys;
  private final PaymentMethodStore paymentMethods;
  private final BillingProfileStore profiles;
  private final Invoices invoices;
  private final ErasureReceiptStore receipts;
  private final Transactions transactions;
  private final RandomIds ids;
  private final Clock clock;

  public BillingDataErasure(SubjectKeys keys, PaymentMethodStore paymentMethods, BillingProfileStore profiles, Invoices invoices,
      ErasureReceiptStore receipts, Transactions transactions, RandomIds ids, Clock clock) {
    this.keys = keys;
    this.paymentMethods = paymentMethods;
    this.profiles = profiles;
    this.invoices = invoices;
    this.receipts = receipts;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
  }

  public ErasureReceipt erase(AccountName subject, Optional<String> erasure) {
    return transactions.inTransaction(() -> {
      // The key first: writers about this subject share-lock it, so they finish before or after us.
      Optional<DataKeyRow> subjectKey = keys.lockSubjectKey(subject);
      int methods = paymentMethods.deleteAll(subject);
      int profileCount = profiles.deleteAll(subject);
      Invoices.RetentionTransfer transfer = invoices.transferToRetention(subject,
          subjectKey.map(key -> new SubjectKeys.Keyed(key.ref().id(), keys.open(key.ref()))));
      subjectKey.ifPresent(key -> keys.destroy(key.ref().id()));

      Optional<ErasureReceipt> previous = receipts.latest(subject);
      boolean erasedSomething = subjectKey.isPresent() || methods > 0 || profileCount > 0 || transfer.deletedExpired() > 0;
      if (!erasedSomething && previous.isPresent()) {
        return previous.get();
      }
      List<ErasureReceipt.Erased> erased = new ArrayList<>();
      addIfAny(erased, "billing_profile", profileCount);
      addIfAny(erased, "payment_method", methods);
      addIfAny(erased, "invoice", transfer.deletedExpired());
      addIfAny(erased, "data_key", subjectKey.isPresent() ? 1 : 0);
      List<ErasureReceipt.Retained> retained = new ArrayList<>();
      for (Map.Entry<Instant, Long> group : transfer.retainedByPurgeTime().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        retained.add(new ErasureReceipt.Retained("invoice", group.getValue(), invoices.retention().legalBasis(), group.getKey(),
            INVOICE_CATEGORIES));
      }
      ErasureReceipt receipt = new ErasureReceipt(ids.nextLong(), erasure, clock.instant(), erased, retained);
      receipts.insert(subject, receipt);
      log.info("erased subject={} receipt={} erasure={} profiles={} paymentMethods={} expiredInvoices={} retainedInvoices={} keyDestroyed={}",
          subject, receipt.id(), erasure.orElse("-"), profileCount, methods, transfer.deletedExpired(),
          transfer.retained(), subjectKey.isPresent());
      return receipt;
    });
  }

  private static void addIfAny(List<ErasureReceipt.Erased> erased, String kind, long count) {
    if (count > 0) {
      erased.add(new ErasureReceipt.Erased(kind, count));
    }
  }
}
