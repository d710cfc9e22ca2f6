package org.custody.identity.factor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals TOTP secrets at rest: AES-256-GCM (the JDK's) under a key of the service kept by the
 * platform's service secrets, with the account as associated data, so a sealed secret copied to
 * another account's row does not open. Stored as nonce (12 bytes) then ciphertext and tag. The
 * key lives in another table of the same database: a dump of the TOTP table, a backup of it or a
 * log line alone does not yield a usable secret.
 */
public final class SecretSeal {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  public SecretSeal(byte[] key, SecureRandom random) {
    if (key.length != 32) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  public byte[] seal(byte[] secret, String projectId, String accountId) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associated(projectId, accountId));
      byte[] sealed = cipher.doFinal(secret);
      return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is always available", e);
    }
  }

  /** The secret; IllegalStateException when the seal does not open (another account's, or altered). */
  public byte[] open(byte[] sealed, String projectId, String accountId) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(sealed, NONCE)));
      cipher.updateAAD(associated(projectId, accountId));
      return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a sealed TOTP secret does not open for its account");
    }
  }

  private static byte[] associated(String projectId, String accountId) {
    return ("totp\n" + projectId + "\n" + accountId).getBytes(StandardCharsets.UTF_8);
  }
}
