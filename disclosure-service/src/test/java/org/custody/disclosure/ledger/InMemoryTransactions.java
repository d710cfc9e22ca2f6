package org.custody.disclosure.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** LedgerTransactions for in-memory stores: one at a time; their effects applied only on commit. */
public final class InMemoryTransactions implements LedgerTransactions {
  private final ReentrantLock lock = new ReentrantLock();

  /** An in-memory transaction: stores register what to apply when it commits. */
  public static final class Tx implements Transaction {
    private final List<Runnable> onCommit = new ArrayList<>();

    public void onCommit(Runnable effect) {
      onCommit.add(effect);
    }

    @Override
    public void execute(org.jooq.Query statement) {
      throw new UnsupportedOperationException("in-memory transactions run no SQL");
    }
  }

  @Override
  public <T> T inTransaction(Function<Transaction, T> work) {
    lock.lock();
    try {
      Tx tx = new Tx();
      T result = work.apply(tx);
      tx.onCommit.forEach(Runnable::run);
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** Registers {@code effect} to run if {@code tx} commits. */
  public static void onCommit(Transaction tx, Runnable effect) {
    ((Tx) tx).onCommit(effect);
  }
}
