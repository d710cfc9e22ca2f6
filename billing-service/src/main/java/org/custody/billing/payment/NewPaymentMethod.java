package org.custody.billing.payment;

/**
 * What a caller hands over after the processor tokenised a card: never the card number.
 *
 * @param processorToken the processor's reference to the card; stored sealed, never returned
 */
public record NewPaymentMethod(String processor, String processorToken, CardBrand brand, String last4, CardExpiry expiry,
    boolean makeDefault) {

  @Override
  public String toString() {
    return "NewPaymentMethod[processor=" + processor + ", brand=" + brand + "]";
  }
}
