package org.custody.analytics.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every BudgetStore must do; run against the in-memory fake and the jOOQ store. */
public abstract class BudgetStoreContract {
  private static final LocalDate DAY = LocalDate.parse("2026-03-01");

  protected abstract BudgetStore store();

  @Test
  void spentMicros_nothingSpent_isZero() {
    assertThat(store().spentMicros("fresh", DAY)).isZero();
  }

  @Test
  void trySpend_withinTheLimit_adds_andBeyondIt_refusesWithoutChange() {
    BudgetStore store = store();
    assertThat(store.trySpend("p1", DAY, 600_000, 1_000_000)).isTrue();
    assertThat(store.trySpend("p1", DAY, 400_000, 1_000_000)).isTrue();
    assertThat(store.trySpend("p1", DAY, 1, 1_000_000)).isFalse();
    assertThat(store.spentMicros("p1", DAY)).isEqualTo(1_000_000);
    assertThat(store.spentMicros("p1", DAY.plusDays(1))).isZero();
    assertThat(store.spentMicros("p2", DAY)).isZero();
  }

  @Test
  void trySpend_concurrently_neverOverdraws() throws Exception {
    BudgetStore store = store();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        results.add(pool.submit((Callable<Boolean>) () -> store.trySpend("p3", DAY, 250_000, 2_000_000)));
      }
      int granted = 0;
      for (Future<Boolean> result : results) {
        granted += result.get() ? 1 : 0;
      }
      assertThat(granted).isEqualTo(8);
      assertThat(store.spentMicros("p3", DAY)).isEqualTo(2_000_000);
    } finally {
      pool.shutdownNow();
    }
  }
}
