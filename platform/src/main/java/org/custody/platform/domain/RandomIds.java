package org.custody.platform.domain;

import java.security.SecureRandom;

/**
 * Random ids in lower-case base32 ({@code a-z2-7}): they fit the contracts' id pattern, reveal
 * neither order nor count, and never contain a long run of decimal digits (so an id can never look
 * like a card number to a card-number screen).
 */
public final class RandomIds {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final SecureRandom random;

  public RandomIds(SecureRandom random) {
    this.random = random;
  }

  /** 16 characters, 80 random bits: resource ids. */
  public String next() {
    return next(10);
  }

  /** 26 characters, 128 random bits: key, job and receipt ids. */
  public String nextLong() {
    return next(16);
  }

  private String next(int byteCount) {
    byte[] bytes = new byte[byteCount];
    random.nextBytes(bytes);
    StringBuilder sb = new StringBuilder(byteCount * 8 / 5 + 1);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return sb.toString();
  }
}
