package org.custody.billing.crypto;

/** What a data key protects. */
public enum KeyPurpose {
  /** Everything held about a subject; destroyed when the subject is erased (crypto-shredding). */
  SUBJECT,
  /**
   * An erased subject's invoices under legal retention; destroyed by the retention purge when the
   * last of them reaches the end of its retention period.
   */
  RETENTION
}
