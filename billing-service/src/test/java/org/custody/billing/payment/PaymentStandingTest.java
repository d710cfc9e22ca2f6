package org.custody.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.platform.api.AccountName;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class PaymentStandingTest {
  private static final AccountName ACCOUNT = new AccountName("acme", "a1");

  @Test
  void hasValidPaymentMethod_cardIsValidThroughItsExpiryMonth() {
    MutableClock clock = MutableClock.at("2026-11-30T23:59:59Z");
    InMemoryBilling billing = new InMemoryBilling(clock);
    billing.paymentMethods.create(ACCOUNT, new NewPaymentMethod("stripe", "tok_1", CardBrand.VISA, "4242", new CardExpiry(11, 2026), true));
    PaymentStanding standing = new PaymentStanding(billing.paymentMethodStore, clock);
    assertThat(standing.hasValidPaymentMethod("acme", "a1")).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(standing.hasValidPaymentMethod("acme", "a1")).isFalse();
  }

  @Test
  void hasValidPaymentMethod_cardThatIsNotTheDefault_doesNotCount() {
    MutableClock clock = MutableClock.at("2026-05-01T00:00:00Z");
    InMemoryBilling billing = new InMemoryBilling(clock);
    billing.paymentMethods.create(ACCOUNT, new NewPaymentMethod("stripe", "tok_1", CardBrand.VISA, "4242", new CardExpiry(11, 2030), false));
    assertThat(new PaymentStanding(billing.paymentMethodStore, clock).hasValidPaymentMethod("acme", "a1")).isFalse();
  }
}
