package org.custody.disclosure.ledger;

import java.time.Instant;
import java.util.Map;

/** What a {@link LedgerWrite} sees while it runs: the transaction, the batch time, and the log to append to. */
public interface LedgerBatch {
  Transaction tx();

  /** The time every entry of this batch carries. */
  Instant time();

  /**
   * Appends an entry of {@code type} whose payload is {@code body} plus the index, type and
   * time; returns its index. Bodies hold resource names and ids, never e-mails or names.
   */
  long append(String type, Map<String, ?> body);
}
