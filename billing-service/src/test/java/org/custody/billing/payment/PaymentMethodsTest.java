package org.custody.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.billing.testing.Samples.card;

import java.time.Duration;
import java.util.Arrays;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.billing.testing.Samples;
import org.custody.platform.api.AccountName;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class PaymentMethodsTest {
  private static final AccountName ACCOUNT = new AccountName("acme", "a1");
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final InMemoryBilling billing = new InMemoryBilling(clock);

  @Test
  void P3_create_keepsTokenAndLastFourOnlySealed() {
    billing.paymentMethods.create(ACCOUNT, card("4242", 12, 2030, false));
    PaymentMethodStore.Sealed row = billing.paymentMethodStore.rows().get(0);
    assertThat(Samples.contains(row.sealedToken(), "pm_4242_tok")).isFalse();
    assertThat(Samples.contains(row.sealedLast4(), "4242")).isFalse();
    assertThat(billing.paymentMethods.list(ACCOUNT, "", 10).items()).singleElement()
        .satisfies(m -> assertThat(m.last4()).isEqualTo("4242"));
  }

  @Test
  void P3_paymentMethod_hasNoTokenOrCardNumberComponent() {
    assertThat(Arrays.stream(PaymentMethod.class.getRecordComponents()).map(c -> c.getName().toLowerCase()))
        .noneMatch(n -> n.contains("token") || n.contains("pan") || n.contains("cvv") || n.contains("number"));
    assertThat(card("4242", 12, 2030, false).toString()).doesNotContain("pm_4242_tok");
  }

  @Test
  void create_expiredCard_isRefusedOnBothExpiryFields() {
    assertThatThrownBy(() -> billing.paymentMethods.create(ACCOUNT, card("4242", 2, 2026, false)))
        .satisfies(e -> assertThat(Samples.fields(e)).containsExactly("exp_year", "exp_month"));
    assertThat(billing.paymentMethodStore.rows()).isEmpty();
  }

  @Test
  void create_cardExpiringThisMonth_isAccepted() {
    assertThat(billing.paymentMethods.create(ACCOUNT, card("4242", 3, 2026, true)).isDefault()).isTrue();
  }

  @Test
  void create_expiryDecadesAhead_isRefused() {
    assertThatThrownBy(() -> billing.paymentMethods.create(ACCOUNT, card("4242", 1, 2050, false)))
        .satisfies(e -> assertThat(Samples.fields(e)).containsExactly("exp_year"));
  }

  @Test
  void setDefault_expiredCard_isRefused() {
    PaymentMethod method = billing.paymentMethods.create(ACCOUNT, card("4242", 3, 2026, false));
    clock.advance(Duration.ofDays(20)); // April: the card expired at the end of March
    assertThatThrownBy(() -> billing.paymentMethods.setDefault(ACCOUNT, method.id()))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
          assertThat(e.reason()).isEqualTo("CARD_EXPIRED");
        });
  }

  @Test
  void setDefault_movesTheOnlyDefault() {
    PaymentMethod first = billing.paymentMethods.create(ACCOUNT, card("1111", 12, 2030, true));
    PaymentMethod second = billing.paymentMethods.create(ACCOUNT, card("2222", 12, 2030, false));
    billing.paymentMethods.setDefault(ACCOUNT, second.id());
    assertThat(billing.paymentMethods.all(ACCOUNT)).filteredOn(PaymentMethod::isDefault).extracting(PaymentMethod::id)
        .containsExactly(second.id());
    assertThat(billing.paymentMethods.get(ACCOUNT, first.id()).isDefault()).isFalse();
  }

  @Test
  void delete_theDefault_leavesNoDefault() {
    PaymentMethod method = billing.paymentMethods.create(ACCOUNT, card("1111", 12, 2030, true));
    billing.paymentMethods.delete(ACCOUNT, method.id());
    assertThat(new PaymentStanding(billing.paymentMethodStore, clock).hasValidPaymentMethod("acme", "a1")).isFalse();
  }
}
