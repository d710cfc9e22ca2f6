package org.custody.analytics.aggregate;

/**
 * Folds acknowledged batches (the journal) into the per-day aggregates. Runs as a periodic job
 * and before every query, so that answers include every acknowledged view.
 */
public interface AggregateCompactor {
  /**
   * Folds every batch committed so far.
   *
   * @return how many batches were folded
   */
  int compactPending();
}
