package org.custody.identity.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque session tokens: 32 bytes from a CSPRNG, shown once as unpadded base64url (43
 * characters). Only their SHA-256 is ever stored or used as a lookup key; a 256-bit random token
 * needs no salt or slow hash.
 */
public final class SessionToken {
  public static final int BYTES = 32;
  private static final int ENCODED_LENGTH = 43;

  private SessionToken() {}

  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 of a token as presented; empty when it cannot be a token this service issued. */
  public static Optional<byte[]> hash(String token) {
    if (token == null || token.length() != ENCODED_LENGTH) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (bytes.length != BYTES) {
      return Optional.empty();
    }
    return Optional.of(sha256(bytes));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
