package org.custody.billing.payment;

import java.time.YearMonth;

/** Persistence of payment-method references. */
public interface PaymentMethodStore {
  /** Whether the account's default payment method expires in or after {@code month}. */
  boolean hasDefaultValidIn(String projectId, String accountId, YearMonth month);
}
