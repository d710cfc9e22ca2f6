package org.custody.billing.payment;

import java.nio.charset.StandardCharsets;
import org.custody.billing.crypto.DataCipher;

/** Seals a payment method's token and last four, each bound to its row and column. */
final class PaymentMethodCodec {
  private PaymentMethodCodec() {}

  static byte[] sealToken(DataCipher cipher, String id, String token) {
    return cipher.seal(token.getBytes(StandardCharsets.UTF_8), tokenContext(id));
  }

  static byte[] sealLast4(DataCipher cipher, String id, String last4) {
    return cipher.seal(last4.getBytes(StandardCharsets.UTF_8), last4Context(id));
  }

  static String openLast4(DataCipher cipher, String id, byte[] sealed) {
    return new String(cipher.open(sealed, last4Context(id)), StandardCharsets.UTF_8);
  }

  static String tokenContext(String id) {
    return "payment_methods/" + id + "/token";
  }

  static String last4Context(String id) {
    return "payment_methods/" + id + "/last4";
  }
}
