package org.custody.disclosure.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * What a {@link LedgerWrite} sees while it runs: the batch time and the log to append to. The write
 * runs inside the batch's transaction, bound to the writer thread: the stores it calls join it.
 */
public interface LedgerBatch {
  /** The time every entry of this batch carries. */
  Instant time();

  /**
   * Appends an entry of {@code type} whose payload is {@code body} plus the index, type and
   * time; returns its index. Bodies hold resource names and ids, never e-mails or names.
   */
  long append(String type, Map<String, ?> body);
}
