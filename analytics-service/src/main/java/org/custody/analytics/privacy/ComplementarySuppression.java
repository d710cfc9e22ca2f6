package org.custody.analytics.privacy;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Primary and complementary suppression of a group of counts that partition a known total (the
 * options of one survey question, whose answers add up to the number of people who answered).
 * Hiding the small counts alone is not enough: the total minus the visible counts would give
 * their sum, and with one small count hidden, that count itself. So while the hidden counts
 * add up to more than 0 but less than k, the smallest visible count is hidden too.
 */
public final class ComplementarySuppression {
  private ComplementarySuppression() {}

  /** Which of {@code counts} to hide under threshold {@code k}. */
  public static boolean[] suppressed(long[] counts, KThreshold k) {
    boolean[] hidden = new boolean[counts.length];
    long hiddenSum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (k.hides(counts[i])) {
        hidden[i] = true;
        hiddenSum += counts[i];
      }
    }
    Integer[] bySize = IntStream.range(0, counts.length).boxed()
        .sorted(Comparator.<Integer>comparingLong(i -> counts[i]).thenComparing(i -> i))
        .toArray(Integer[]::new);
    for (int i : bySize) {
      if (hiddenSum == 0 || !k.hides(hiddenSum)) {
        break;
      }
      if (!hidden[i]) {
        hidden[i] = true;
        hiddenSum += counts[i];
      }
    }
    return hidden;
  }
}
