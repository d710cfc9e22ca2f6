package org.custody.analytics.stats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** An inclusive range of UTC days, at most {@value #MAX_DAYS} days long. */
public record DateRange(LocalDate start, LocalDate end) {
  public static final int MAX_DAYS = 367;

  public DateRange {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end before start");
    }
    if (days(start, end) > MAX_DAYS) {
      throw new IllegalArgumentException("range too long");
    }
  }

  /** How many days the range spans, both ends included. */
  public static long days(LocalDate start, LocalDate end) {
    return ChronoUnit.DAYS.between(start, end) + 1;
  }
}
