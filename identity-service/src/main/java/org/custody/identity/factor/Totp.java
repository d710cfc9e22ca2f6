package org.custody.identity.factor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps compute them by default:
 * HMAC-SHA1, 30-second steps from the Unix epoch, 6 digits (RFC 4226 dynamic truncation). A code
 * is accepted for the current step and one step either side (clock drift), and only for a step
 * later than the last one accepted, so each code works once.
 */
public final class Totp {
  public static final int DIGITS = 6;
  public static final long STEP_SECONDS = 30;
  private static final int MODULUS = 1_000_000;

  private Totp() {}

  public static long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
  }

  /** The code of {@code step} (zero-padded to 6 digits). */
  public static String code(byte[] secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format("%06d", binary % MODULUS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is always available", e);
    }
  }

  /** The step {@code code} is for, within one step of {@code now} and after {@code lastStep}; empty if none. */
  public static OptionalLong match(byte[] secret, String code, Instant now, long lastStep) {
    String given = code == null ? "" : code.strip();
    long current = step(now);
    for (long step = current - 1; step <= current + 1; step++) {
      // compare in constant time: a timing difference must not tell how many digits were right
      if (step > lastStep && MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
          given.getBytes(StandardCharsets.US_ASCII))) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }
}
