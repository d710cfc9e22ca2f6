package org.custody.billing.subject;

import java.util.Optional;
import org.custody.billing.Subject;
import org.custody.platform.subject.ErasureReceipt;

/** Persistence of erasure receipts. */
public interface ErasureReceiptStore {
  void insert(Subject subject, ErasureReceipt receipt);

  /** The subject's most recent receipt. */
  Optional<ErasureReceipt> latest(Subject subject);
}
