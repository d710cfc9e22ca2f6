package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.PAYMENT_METHODS;

import java.time.YearMonth;
import org.custody.billing.payment.PaymentMethodStore;
import org.jooq.DSLContext;

final class JooqPaymentMethodStore implements PaymentMethodStore {
  private final DSLContext dsl;

  JooqPaymentMethodStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public boolean hasDefaultValidIn(String projectId, String accountId, YearMonth month) {
    return dsl.fetchExists(PAYMENT_METHODS, PAYMENT_METHODS.PROJECT_ID.eq(projectId),
        PAYMENT_METHODS.ACCOUNT_ID.eq(accountId), PAYMENT_METHODS.IS_DEFAULT.isTrue(),
        PAYMENT_METHODS.EXP_YEAR.gt(month.getYear())
            .or(PAYMENT_METHODS.EXP_YEAR.eq(month.getYear()).and(PAYMENT_METHODS.EXP_MONTH.ge(month.getMonthValue()))));
  }
}
