package org.custody.billing.payment;

import java.time.Instant;
import org.custody.platform.api.AccountName;

/**
 * A card as the payment processor knows it. The processor's token is deliberately not here: it
 * is stored sealed and no read returns it.
 */
public record PaymentMethod(String id, AccountName subject, String processor, CardBrand brand, String last4, CardExpiry expiry,
    boolean isDefault, Instant createTime) {

  /** {@code projects/{project}/accounts/{account}/paymentMethods/{id}}. */
  public String name() {
    return subject.name() + "/paymentMethods/" + id;
  }
}
