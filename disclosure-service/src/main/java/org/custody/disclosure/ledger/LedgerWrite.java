package org.custody.disclosure.ledger;

/**
 * A change recorded together with its ledger entries, atomically: its rows and its entries are
 * committed in the same transaction or not at all. The ledger may run several writes in one
 * transaction (group commit); if any throws, the batch is rolled back and each write is run
 * again on its own, so {@code apply} must have no effect outside the transaction.
 */
@FunctionalInterface
public interface LedgerWrite<R> {
  R apply(LedgerBatch batch);
}
