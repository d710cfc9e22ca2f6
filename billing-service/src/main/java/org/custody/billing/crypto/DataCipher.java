package org.custody.billing.crypto;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * AES-256-GCM under one subject's data key. Every ciphertext is bound to a context naming the row
 * and column it belongs to (associated data), so a ciphertext copied into another row, or
 * another subject's row, does not open.
 */
public final class DataCipher {
  private final Aead aead;

  DataCipher(Aead aead) {
    this.aead = aead;
  }

  public byte[] seal(byte[] plaintext, String context) {
    try {
      return aead.encrypt(plaintext, context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal " + context, e);
    }
  }

  /**
   * Opens a ciphertext sealed for {@code context}.
   *
   * @throws SealedDataUnreadableException if it was sealed under another key or for another context
   */
  public byte[] open(byte[] ciphertext, String context) {
    try {
      return aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new SealedDataUnreadableException(context);
    }
  }
}
