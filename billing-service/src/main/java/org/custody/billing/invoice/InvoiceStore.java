package org.custody.billing.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.platform.api.AccountName;

/** Persistence of invoices; bill-to and lines only ever sealed. */
public interface InvoiceStore {
  /** An invoice row: number, dates, currency, total and status in the clear; contents sealed. */
  record Sealed(String id, AccountName subject, String invoiceNumber, String billingProfileId, LocalDate issueDate,
      String currencyCode, long totalMinor, InvoiceStatus status, String dataKeyId, byte[] sealedContents,
      Instant retainUntil, Instant createTime, Instant updateTime) {}

  /** A row with the data key its contents are sealed under. */
  record Stored(Sealed row, DataKeyRef key) {}

  /** The next gap-free number of a project's year; rolled back with the transaction. */
  long nextNumber(String projectId, int year);

  void insert(Sealed row);

  Optional<Stored> find(AccountName subject, String id);

  Optional<Stored> findForUpdate(AccountName subject, String id);

  /** The subject's invoices, newest first (by create time, then id), after {@code after} when given. */
  List<Stored> listNewestFirst(AccountName subject, Optional<ListCursor> after, int limit);

  void updateStatus(String id, InvoiceStatus status, Instant at);

  /** The invoices sealed under a data key (erasure moves them). */
  List<Stored> sealedUnder(String dataKeyId);

  /** Moves an invoice's contents under another data key. */
  void reseal(String id, String dataKeyId, byte[] sealedContents);

  /** How many invoices a data key protects, by end of retention. */
  Map<Instant, Long> countUnderByRetainUntil(String dataKeyId);

  /** Deletes one invoice. */
  void delete(String id);

  /** Ids of invoices whose retention ended at or before {@code now}. */
  List<String> retentionEndedBy(Instant now, int limit);

  /** How many invoices a data key protects. */
  long countUnder(String dataKeyId);
}
