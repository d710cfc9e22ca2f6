package org.custody.analytics.budget;

import java.time.LocalDate;

/** Persistence of epsilon spent per project and UTC day, in millionths of epsilon. */
public interface BudgetStore {
  /** Micro-epsilon spent so far; 0 when nothing was spent. */
  long spentMicros(String projectId, LocalDate date);

  /**
   * Atomically adds {@code micros} to the day's spending if the result stays within
   * {@code limitMicros}; concurrent spenders can never overdraw.
   *
   * @return whether it was spent
   */
  boolean trySpend(String projectId, LocalDate date, long micros, long limitMicros);
}
