package org.custody.billing.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How long invoices are kept: {@code years} full years after the end of the calendar year of
 * issue, as commercial and tax law count it (e.g. 10 years: an invoice of 2026 is kept until the
 * end of 2036), whatever the subject asks. The legal basis is quoted in erasure receipts.
 */
public record RetentionPolicy(int years, String legalBasis) {
  public static final String DEFAULT_LEGAL_BASIS = "statutory retention of commercial and tax records (invoices)";

  public RetentionPolicy {
    if (years < 1) {
      throw new IllegalArgumentException("invoices must be retained at least one year");
    }
  }

  /** The instant an invoice issued on {@code issueDate} may be purged. */
  public Instant retainUntil(LocalDate issueDate) {
    return LocalDate.of(issueDate.getYear() + years + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
