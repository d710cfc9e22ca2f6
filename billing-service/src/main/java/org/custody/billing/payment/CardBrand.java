package org.custody.billing.payment;

/** Card networks. */
public enum CardBrand {
  VISA,
  MASTERCARD,
  AMEX,
  DISCOVER,
  JCB,
  DINERS,
  UNIONPAY,
  OTHER
}
