package org.custody.analytics.budget;

import java.time.LocalDate;

/** Persistence of epsilon spent per project and day. */
public interface BudgetStore {
  /** Epsilon spent so far; 0 when nothing was spent. */
  double spent(String projectId, LocalDate date);
}
