package org.custody.billing.crypto;

/**
 * A ciphertext that does not open under the key presented: altered, moved to another row, or
 * sealed under another (possibly shredded) key. The message names the context (table, row id,
 * column), never the data.
 */
public final class SealedDataUnreadableException extends RuntimeException {
  public SealedDataUnreadableException(String context) {
    super("sealed data does not open: " + context, null, false, false);
  }
}
