package org.custody.analytics.budget;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** A BudgetStore in memory, for unit tests. */
public final class InMemoryBudgetStore implements BudgetStore {
  private final Map<String, Long> spent = new HashMap<>();

  @Override
  public synchronized long spentMicros(String projectId, LocalDate date) {
    return spent.getOrDefault(projectId + "/" + date, 0L);
  }

  @Override
  public synchronized boolean trySpend(String projectId, LocalDate date, long micros, long limitMicros) {
    long after = spentMicros(projectId, date) + micros;
    if (after > limitMicros) {
      return false;
    }
    spent.put(projectId + "/" + date, after);
    return true;
  }
}
