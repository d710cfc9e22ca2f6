package org.custody.billing.invoice;

/** One line: quantity times the unit amount, in the currency's minor unit (never floating point). */
public record InvoiceLine(String description, long quantity, long unitAmountMinor, long amountMinor) {}
