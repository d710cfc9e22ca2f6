package org.custody.billing.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.custody.platform.api.AccountName;

/**
 * An issued invoice, kept until {@code retainUntil} (the legal retention period) even after its
 * subject asks for erasure.
 */
public record Invoice(String id, AccountName subject, String invoiceNumber, String billingProfileId, LocalDate issueDate,
    String currencyCode, List<InvoiceLine> lines, long totalMinor, InvoiceStatus status, BillTo billTo, Instant retainUntil,
    Instant createTime, Instant updateTime) {

  public Invoice {
    lines = List.copyOf(lines);
  }

  /** {@code projects/{project}/accounts/{account}/invoices/{id}}. */
  public String name() {
    return subject.name() + "/invoices/" + id;
  }

  public Invoice withStatus(InvoiceStatus newStatus, Instant at) {
    return new Invoice(id, subject, invoiceNumber, billingProfileId, issueDate, currencyCode, lines, totalMinor, newStatus, billTo,
        retainUntil, createTime, at);
  }
}
