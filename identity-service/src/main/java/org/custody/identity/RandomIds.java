package org.custody.identity;

import java.security.SecureRandom;

/**
 * Resource ids for accounts, contacts and sessions: 16 characters of lower-case base32 (80
 * random bits), which fit the contracts' id pattern and reveal neither order nor count.
 */
public final class RandomIds {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final SecureRandom random;

  public RandomIds(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    StringBuilder sb = new StringBuilder(16);
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
    return sb.toString();
  }
}
