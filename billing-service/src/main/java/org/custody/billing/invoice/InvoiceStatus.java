package org.custody.billing.invoice;

/** An invoice is issued open and then paid or voided, once. */
public enum InvoiceStatus {
  OPEN,
  PAID,
  VOID
}
