package org.custody.billing.testing;

import java.util.List;
import org.custody.billing.payment.CardBrand;
import org.custody.billing.payment.CardExpiry;
import org.custody.billing.payment.NewPaymentMethod;
import org.custody.billing.profile.PostalAddress;
import org.custody.billing.profile.ProfileDetails;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/** Domain values the unit tests reuse. */
public final class Samples {
  public static final PostalAddress ADDRESS = new PostalAddress(List.of("12 Crescent Road", "Flat 3"), "Oxford", "", "OX1 2JD", "GB");
  public static final ProfileDetails ADA = new ProfileDetails("Ada Lovelace", "Analytical Engines Ltd", "ada@example.org", ADDRESS);

  private Samples() {}

  public static NewPaymentMethod card(String last4, int month, int year, boolean makeDefault) {
    return new NewPaymentMethod("stripe", "pm_" + last4 + "_tok", CardBrand.VISA, last4, new CardExpiry(month, year), makeDefault);
  }

  /** The fields an INVALID_ARGUMENT domain exception names. */
  public static List<String> fields(Throwable e) {
    return ((DomainException) e).violations().stream().map(FieldViolation::field).toList();
  }

  /** Whether the bytes contain the text (UTF-8), e.g. plaintext in a sealed column. */
  public static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains(new String(needle.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1));
  }
}
