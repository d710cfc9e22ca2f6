package org.custody.analytics.stats;

/** One row per key and day, or one per key for the whole range. */
public enum Granularity {
  DAY,
  TOTAL
}
