package org.custody.billing.api;

import org.custody.billing.payment.CardBrand;
import org.custody.billing.payment.CardExpiry;
import org.custody.billing.payment.NewPaymentMethod;
import org.custody.billing.payment.PaymentMethod;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.billing.v1.CreatePaymentMethodRequest;

/** Payment methods between the contract and the domain. The token only ever goes in. */
final class PaymentMethodMapper {
  private PaymentMethodMapper() {}

  static NewPaymentMethod newMethod(CreatePaymentMethodRequest request) {
    return new NewPaymentMethod(request.getProcessor(), request.getProcessorToken(), brand(request.getBrand()), request.getLast4(),
        new CardExpiry(request.getExpMonth(), request.getExpYear()), request.getMakeDefault());
  }

  static org.custody.proto.billing.v1.PaymentMethod toProto(PaymentMethod method) {
    return org.custody.proto.billing.v1.PaymentMethod.newBuilder()
        .setName(method.name())
        .setProcessor(method.processor())
        .setBrand(org.custody.proto.billing.v1.CardBrand.valueOf("CARD_BRAND_" + method.brand().name()))
        .setLast4(method.last4())
        .setExpMonth(method.expiry().month())
        .setExpYear(method.expiry().year())
        .setIsDefault(method.isDefault())
        .setCreateTime(ProtoTimes.timestamp(method.createTime()))
        .build();
  }

  private static CardBrand brand(org.custody.proto.billing.v1.CardBrand proto) {
    // The contract's rules refuse UNSPECIFIED and unknown values before this runs.
    return CardBrand.valueOf(proto.name().substring("CARD_BRAND_".length()));
  }
}
