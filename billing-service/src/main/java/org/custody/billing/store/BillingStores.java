package org.custody.billing.store;

import org.custody.billing.payment.PaymentMethodStore;
import org.jooq.DSLContext;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class BillingStores {
  private final DSLContext dsl;

  public BillingStores(DSLContext dsl) {
    this.dsl = dsl;
  }

  public PaymentMethodStore paymentMethods() {
    return new JooqPaymentMethodStore(dsl);
  }
}
