package org.custody.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class PaymentStandingTest {
  @Test
  void cardIsValidThroughItsExpiryMonth() {
    YearMonth expiry = YearMonth.of(2026, 11);
    PaymentMethodStore store = (project, account, month) -> !month.isAfter(expiry);
    MutableClock clock = MutableClock.at("2026-11-30T23:59:59Z");
    PaymentStanding standing = new PaymentStanding(store, clock);
    assertThat(standing.hasValidPaymentMethod("acme", "a1")).isTrue();
    clock.advance(java.time.Duration.ofSeconds(1));
    assertThat(standing.hasValidPaymentMethod("acme", "a1")).isFalse();
  }
}
