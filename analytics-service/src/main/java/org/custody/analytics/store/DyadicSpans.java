package org.custody.analytics.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custody.analytics.stats.DateRange;

/**
 * The layout of sealed spans: a span of level n is 2^n consecutive days whose first day is a
 * multiple of 2^n days after 1970-01-01. Covering a range with the widest such spans reads at
 * most two per level (about 16 pieces for a year) instead of one row per day.
 */
final class DyadicSpans {
  /** 2^8 = 256 days: with the single days and smaller spans, covers the longest range (367 days) in few pieces. */
  static final int MAX_LEVEL = 8;

  private DyadicSpans() {}

  /** An aligned span of {@code days} (a power of two, at least 2) starting on {@code first}. */
  record Span(LocalDate first, int days) {
    LocalDate last() {
      return first.plusDays(days - 1L);
    }

    /** Its two halves, a level lower; single days for a two-day span. */
    Span firstHalf() {
      return new Span(first, days / 2);
    }

    Span secondHalf() {
      return new Span(first.plusDays(days / 2), days / 2);
    }
  }

  /** A range split into sealed spans and the days (as ranges) no span covers. */
  record Cover(List<Span> spans, List<DateRange> days) {}

  /**
   * Covers {@code [start, end]} with the widest aligned spans that end on or before
   * {@code sealedThrough}; every other day is left to the day cells.
   */
  static Cover cover(LocalDate start, LocalDate end, LocalDate sealedThrough) {
    List<Span> spans = new ArrayList<>();
    List<DateRange> days = new ArrayList<>();
    long day = start.toEpochDay();
    long last = end.toEpochDay();
    long spanLimit = Math.min(last, sealedThrough.toEpochDay());
    LocalDate runStart = null;
    while (day <= last) {
      int level = widestLevelAt(day, spanLimit);
      if (level == 0) {
        if (runStart == null) {
          runStart = LocalDate.ofEpochDay(day);
        }
        day++;
        continue;
      }
      if (runStart != null) {
        days.add(new DateRange(runStart, LocalDate.ofEpochDay(day - 1)));
        runStart = null;
      }
      spans.add(new Span(LocalDate.ofEpochDay(day), 1 << level));
      day += 1L << level;
    }
    if (runStart != null) {
      days.add(new DateRange(runStart, end));
    }
    return new Cover(spans, days);
  }

  /** The highest level whose span starts on {@code day} and ends on or before {@code limit}; 0 if none. */
  private static int widestLevelAt(long day, long limit) {
    for (int level = MAX_LEVEL; level >= 1; level--) {
      long size = 1L << level;
      if (Math.floorMod(day, size) == 0 && day + size - 1 <= limit) {
        return level;
      }
    }
    return 0;
  }

  /**
   * Every span whose last day is after {@code after} and on or before {@code through}, by level
   * then date, so that each span comes after both of its halves.
   */
  static List<Span> completedBetween(LocalDate after, LocalDate through) {
    List<Span> completed = new ArrayList<>();
    long firstOpen = after.toEpochDay() + 1;
    long end = through.toEpochDay();
    for (int level = 1; level <= MAX_LEVEL; level++) {
      long size = 1L << level;
      for (long first = Math.floorDiv(firstOpen, size) * size; first + size - 1 <= end; first += size) {
        completed.add(new Span(LocalDate.ofEpochDay(first), (int) size));
      }
    }
    return completed;
  }
}
