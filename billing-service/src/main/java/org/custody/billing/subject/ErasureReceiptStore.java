package org.custody.billing.subject;

import java.util.Optional;
import org.custody.platform.api.AccountName;
import org.custody.platform.subject.ErasureReceipt;

/** Persistence of erasure receipts. */
public interface ErasureReceiptStore {
  void insert(AccountName subject, ErasureReceipt receipt);

  /** The subject's most recent receipt. */
  Optional<ErasureReceipt> latest(AccountName subject);
}
