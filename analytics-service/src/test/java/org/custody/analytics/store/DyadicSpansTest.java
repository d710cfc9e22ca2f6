package org.custody.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.custody.analytics.stats.DateRange;
import org.junit.jupiter.api.Test;

class DyadicSpansTest {
  private static final LocalDate EPOCH = LocalDate.ofEpochDay(0);

  @Test
  void cover_splitsARangeIntoAlignedSealedSpansAndLeftoverDays_coveringEachDayOnce() {
    Random random = new Random(11);
    for (int trial = 0; trial < 2000; trial++) {
      LocalDate start = LocalDate.parse("2025-01-01").plusDays(random.nextInt(400));
      LocalDate end = start.plusDays(random.nextInt(DateRange.MAX_DAYS));
      LocalDate sealed = start.plusDays(random.nextInt(450) - 40);
      DyadicSpans.Cover cover = DyadicSpans.cover(start, end, sealed);

      List<LocalDate> covered = new ArrayList<>();
      for (DyadicSpans.Span span : cover.spans()) {
        assertThat(Integer.bitCount(span.days())).isEqualTo(1);
        assertThat(span.days()).isBetween(2, 1 << DyadicSpans.MAX_LEVEL);
        assertThat(Math.floorMod(span.first().toEpochDay(), span.days())).as("aligned").isZero();
        assertThat(span.last()).isBeforeOrEqualTo(sealed).isBeforeOrEqualTo(end);
        span.first().datesUntil(span.last().plusDays(1)).forEach(covered::add);
      }
      for (DateRange days : cover.days()) {
        days.start().datesUntil(days.end().plusDays(1)).forEach(covered::add);
      }
      Set<LocalDate> distinct = new HashSet<>(covered);
      assertThat(distinct).as("no day twice").hasSize(covered.size());
      assertThat(distinct).containsExactlyInAnyOrderElementsOf(start.datesUntil(end.plusDays(1)).toList());
    }
  }

  @Test
  void cover_ofASealedMonth_readsAHandfulOfPieces() {
    LocalDate start = LocalDate.parse("2026-10-19");
    DyadicSpans.Cover cover = DyadicSpans.cover(start, start.plusDays(29), start.plusDays(60));
    assertThat(cover.spans().size() + cover.days().size()).isLessThanOrEqualTo(8);
    DyadicSpans.Cover year = DyadicSpans.cover(start, start.plusDays(366), start.plusDays(400));
    assertThat(year.spans().size() + year.days().size()).isLessThanOrEqualTo(16);
  }

  @Test
  void cover_withNothingSealed_leavesOneRangeOfDays() {
    LocalDate start = LocalDate.parse("2026-10-19");
    DyadicSpans.Cover cover = DyadicSpans.cover(start, start.plusDays(29), start.minusDays(1));
    assertThat(cover.spans()).isEmpty();
    assertThat(cover.days()).containsExactly(new DateRange(start, start.plusDays(29)));
  }

  @Test
  void completedBetween_listsEachNewlyCompleteSpanOnce_afterBothOfItsHalves() {
    Set<DyadicSpans.Span> built = new HashSet<>();
    LocalDate after = EPOCH.plusDays(20_000 - 1);
    Random random = new Random(5);
    for (int run = 0; run < 60; run++) {
      LocalDate through = after.plusDays(1 + random.nextInt(40));
      for (DyadicSpans.Span span : DyadicSpans.completedBetween(after, through)) {
        assertThat(span.last()).isAfter(after).isBeforeOrEqualTo(through);
        if (span.days() > 2) {
          for (DyadicSpans.Span half : List.of(span.firstHalf(), span.secondHalf())) {
            boolean beforeHistory = half.last().isBefore(EPOCH.plusDays(20_000));
            assertThat(beforeHistory || built.contains(half)).as("half of %s built first", span).isTrue();
          }
        }
        assertThat(built.add(span)).as("built once: %s", span).isTrue();
      }
      after = through;
    }
    // every span inside the history is there
    for (int level = 1; level <= DyadicSpans.MAX_LEVEL; level++) {
      int size = 1 << level;
      for (long first = 20_000 + Math.floorMod(-20_000, size); first + size - 1 <= after.toEpochDay(); first += size) {
        assertThat(built).contains(new DyadicSpans.Span(LocalDate.ofEpochDay(first), size));
      }
    }
  }
}
