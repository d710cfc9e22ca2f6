package org.custody.billing.profile;

import org.custody.billing.crypto.DataCipher;
import org.custody.billing.crypto.FieldCodec;

/** Seals and opens a profile's details, bound to the profile's row. */
final class ProfileCodec {
  private static final int FORMAT = 1;

  private ProfileCodec() {}

  static byte[] seal(DataCipher cipher, String profileId, ProfileDetails details) {
    PostalAddress a = details.address();
    byte[] plaintext = new FieldCodec.Writer(FORMAT)
        .string(details.billingName()).string(details.company()).string(details.billingEmail())
        .strings(a.lines()).string(a.locality()).string(a.administrativeArea()).string(a.postalCode()).string(a.regionCode())
        .toBytes();
    return cipher.seal(plaintext, context(profileId));
  }

  static ProfileDetails open(DataCipher cipher, String profileId, byte[] sealed) {
    FieldCodec.Reader r = new FieldCodec.Reader(cipher.open(sealed, context(profileId)));
    if (r.format() != FORMAT) {
      throw new IllegalStateException("unknown profile format " + r.format());
    }
    String name = r.string();
    String company = r.string();
    String email = r.string();
    PostalAddress address = new PostalAddress(r.strings(), r.string(), r.string(), r.string(), r.string());
    return new ProfileDetails(name, company, email, address);
  }

  /** The associated data: the ciphertext opens only in this row's column. */
  static String context(String profileId) {
    return "billing_profiles/" + profileId + "/details";
  }
}
