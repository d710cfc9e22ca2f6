package org.custody.billing.subject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.custody.billing.crypto.DataKeyRow;
import org.custody.billing.crypto.DataKeyStore;
import org.custody.billing.crypto.SubjectKeys;
import org.custody.billing.invoice.InvoiceStore;
import org.custody.platform.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends legal retention: deletes invoices whose retention period is over, then destroys the
 * RETENTION keys of erased subjects once no invoice needs them, which shreds every copy of those
 * invoices too. Runs as a periodic job and on an operator's request.
 */
public final class RetentionPurge {
  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
  private static final int BATCH = 500;

  private final InvoiceStore invoices;
  private final DataKeyStore dataKeys;
  private final SubjectKeys keys;
  private final Transactions transactions;
  private final Clock clock;

  public RetentionPurge(InvoiceStore invoices, DataKeyStore dataKeys, SubjectKeys keys, Transactions transactions, Clock clock) {
    this.invoices = invoices;
    this.dataKeys = dataKeys;
    this.keys = keys;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** What a purge did. */
  public record Result(long purgedSubjects, long purgedInvoices) {}

  public synchronized Result purgeExpired() {
    Instant now = clock.instant();
    long invoiceCount = 0;
    while (true) {
      int deleted = transactions.inTransaction(() -> {
        List<String> ended = invoices.retentionEndedBy(now, BATCH);
        ended.forEach(invoices::delete);
        return ended.size();
      });
      invoiceCount += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    long subjectCount = 0;
    while (true) {
      List<DataKeyRow> ended = dataKeys.retentionEndedBy(now, BATCH);
      int destroyed = 0;
      for (DataKeyRow key : ended) {
        boolean gone = transactions.inTransaction(() -> {
          if (invoices.countUnder(key.ref().id()) > 0) {
            return false; // cannot happen while retain_until covers every invoice; keep it if it does
          }
          keys.destroy(key.ref().id());
          return true;
        });
        if (gone) {
          destroyed++;
        }
      }
      subjectCount += destroyed;
      if (ended.size() < BATCH || destroyed == 0) {
        break;
      }
    }
    if (invoiceCount > 0 || subjectCount > 0) {
      log.info("retention purge invoices={} retentionKeysDestroyed={}", invoiceCount, subjectCount);
    }
    return new Result(subjectCount, invoiceCount);
  }
}
