package org.custody.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends one request (same {@code request_id}) several times at once and checks the suite's one
 * behaviour for concurrent duplicates: every copy succeeds and answers what the first answered
 * (no ABORTED, no second effect — the caller checks the effect).
 */
public final class ConcurrentDuplicates {
  private ConcurrentDuplicates() {}

  /** Runs {@code copies} calls released together; returns their answers, all equal. */
  public static <T> List<T> answerAlike(int copies, Supplier<T> call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(copies);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> answers = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        answers.add(threads.submit(() -> {
          go.await();
          return call.get();
        }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> answer : answers) {
        results.add(answer.get(60, TimeUnit.SECONDS));
      }
      assertThat(results).as("every concurrent duplicate answers the first's result").allMatch(r -> r.equals(results.get(0)));
      return results;
    } finally {
      threads.shutdownNow();
    }
  }
}
