package org.custody.analytics.aggregate;

/**
 * Rolls the day aggregates of closed days up into sealed spans (2, 4, ... 256 aligned days), so
 * that totals over long ranges read a few rows per key instead of one per day. Runs as a
 * periodic job; queries use whatever is sealed and read the remaining days cell by cell, so an
 * answer is the same before and after a run.
 */
public interface SpanSealer {
  /**
   * Builds every span whose days are all closed and that is not built yet.
   *
   * @return how many spans were built (for every project, dimension and threshold)
   */
  int sealClosedDays();
}
