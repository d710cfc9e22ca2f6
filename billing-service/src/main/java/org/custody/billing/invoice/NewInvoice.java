package org.custody.billing.invoice;

import java.util.List;
import java.util.Optional;

/**
 * A request to issue an invoice.
 *
 * @param issueDate YYYY-MM-DD as sent; empty means today (UTC)
 */
public record NewInvoice(String billingProfileId, String currencyCode, Optional<String> issueDate, List<Line> lines) {
  public NewInvoice {
    lines = List.copyOf(lines);
  }

  /** A line as requested; its amount is computed. */
  public record Line(String description, long quantity, long unitAmountMinor) {}
}
