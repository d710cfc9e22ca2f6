package org.custody.identity.factor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.util.encoders.Base32;

/**
 * Single-use recovery codes: 80 random bits each, written as four groups of four base32
 * characters ({@code ABCD-EFGH-IJKL-MNOP}). With that much entropy a plain SHA-256 is enough to
 * store them (no guessing can walk the space), and lookups stay exact. Dashes, spaces and case do
 * not matter when a code is typed back.
 */
public final class RecoveryCodes {
  public static final int COUNT = 10;
  private static final int BYTES = 10;

  private RecoveryCodes() {}

  public static List<String> generate(SecureRandom random) {
    List<String> codes = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      byte[] bytes = new byte[BYTES];
      random.nextBytes(bytes);
      String plain = Base32.toBase32String(bytes);
      codes.add(plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8, 12) + "-" + plain.substring(12, 16));
    }
    return codes;
  }

  /** The stored form of a code as typed: SHA-256 of its 16 characters, upper case, without separators. */
  public static byte[] hash(String typed) {
    String canonical = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
