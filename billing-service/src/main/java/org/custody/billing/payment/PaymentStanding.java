package org.custody.billing.payment;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Whether an account can be served: it has a default card that has not expired. A card is valid
 * through the last day of its expiry month.
 */
public final class PaymentStanding {
  private final PaymentMethodStore store;
  private final Clock clock;

  public PaymentStanding(PaymentMethodStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public boolean hasValidPaymentMethod(String projectId, String accountId) {
    return store.hasDefaultValidIn(projectId, accountId, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
  }
}
