package org.custody.billing.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.subject.ErasureReceiptStore;
import org.custody.platform.api.AccountName;
import org.custody.platform.subject.ErasureReceipt;

/** Erasure receipts in memory. */
public final class InMemoryErasureReceiptStore implements ErasureReceiptStore {
  private final Map<AccountName, List<ErasureReceipt>> receipts = new HashMap<>();

  @Override
  public synchronized void insert(AccountName subject, ErasureReceipt receipt) {
    receipts.computeIfAbsent(subject, s -> new ArrayList<>()).add(receipt);
  }

  @Override
  public synchronized Optional<ErasureReceipt> latest(AccountName subject) {
    List<ErasureReceipt> list = receipts.getOrDefault(subject, List.of());
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }
}
