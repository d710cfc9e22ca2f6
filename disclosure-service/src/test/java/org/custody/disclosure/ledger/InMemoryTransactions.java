package org.custody.disclosure.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.custody.platform.db.Transactions;

/**
 * Transactions for the in-memory stores: one at a time, bound to the calling thread as the
 * platform's thread-bound transactions are; stores register their effects with {@link #onCommit},
 * applied only if the transaction commits. Nested calls join the outer transaction.
 */
public final class InMemoryTransactions implements Transactions {
  private static final ThreadLocal<List<Runnable>> CURRENT = new ThreadLocal<>();
  private final ReentrantLock lock = new ReentrantLock();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (CURRENT.get() != null) {
      return work.get();
    }
    lock.lock();
    List<Runnable> onCommit = new ArrayList<>();
    CURRENT.set(onCommit);
    try {
      T result = work.get();
      onCommit.forEach(Runnable::run);
      return result;
    } finally {
      CURRENT.remove();
      lock.unlock();
    }
  }

  /** Registers {@code effect} to run if the transaction open on this thread commits; outside one, runs it now. */
  public static void onCommit(Runnable effect) {
    List<Runnable> onCommit = CURRENT.get();
    if (onCommit == null) {
      effect.run();
    } else {
      onCommit.add(effect);
    }
  }
}
