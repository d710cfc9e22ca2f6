package org.custody.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.stats.AggregateReader;
import org.custody.analytics.stats.AggregateRow;
import org.custody.analytics.stats.CellQuery;
import org.custody.analytics.stats.DateRange;
import org.custody.analytics.stats.Granularity;
import org.custody.analytics.stats.RowOrder;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What sealing must keep: an answer is the same before and after a run, a run right after
 * another builds nothing, and views of a day that is still open count after it. Run against the
 * in-memory aggregates (which read the day cells only, so have nothing to build) and the jOOQ
 * sealer on MariaDB; how the jOOQ sealer builds its spans is JooqSpanSealerIT's own. Each test
 * uses its own project, so stores may be shared.
 */
public abstract class SpanSealerContract {
  private static final LocalDate FIRST = LocalDate.parse("2026-04-01");
  private static final int DAYS = 12;
  private static final int K = 10;
  private static final DateRange ALL = new DateRange(FIRST, FIRST.plusDays(DAYS - 1));
  private static int projects;

  protected abstract JournalStore journal();

  protected abstract AggregateCompactor compactor();

  protected abstract AggregateReader reader();

  protected abstract SpanSealer sealer(Clock clock, KThreshold k);

  private String project;

  @BeforeEach
  void seed() {
    project = "sealing-" + (++projects) + "-" + System.nanoTime() % 100000;
    Random random = new Random(projects);
    for (int day = 0; day < DAYS; day++) {
      BatchAggregate batch = new BatchAggregate();
      for (int path = 0; path < 8; path++) {
        int visitors = 1 + random.nextInt(30);
        for (int view = 0; view < visitors * 2; view++) {
          long visitor = (path * 131L + random.nextInt(visitors)) * 0x9E3779B97F4A7C15L;
          batch.add(FIRST.plusDays(day), "/s/" + path, "host-" + (path % 3) + ".example", visitor);
        }
      }
      journal().append(project, batch, Optional.empty(), FIRST.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
  }

  /** Noon after the last day: every day but the last is closed. */
  private static MutableClock clockAfterHistory() {
    return new MutableClock(FIRST.plusDays(DAYS).atTime(12, 0).toInstant(ZoneOffset.UTC));
  }

  private List<CellQuery> queries() {
    List<CellQuery> queries = new ArrayList<>();
    for (Dimension dimension : Dimension.values()) {
      for (Granularity granularity : Granularity.values()) {
        for (long visibleFrom : new long[] {0, K}) {
          for (RowOrder order : new RowOrder[] {RowOrder.KEY_ASC, RowOrder.VIEWS_DESC}) {
            queries.add(new CellQuery(dimension, project, ALL, "", granularity, order, visibleFrom, 0, 1000));
            queries.add(new CellQuery(dimension, project, new DateRange(FIRST.plusDays(1), FIRST.plusDays(9)), "", granularity,
                order, visibleFrom, 0, 1000));
          }
        }
      }
    }
    return queries;
  }

  private List<List<AggregateRow>> answers(List<CellQuery> queries) {
    compactor().compactPending();
    return queries.stream().map(q -> reader().read(q)).toList();
  }

  @Test
  void sealing_leavesEveryAnswerAsItWas() {
    List<CellQuery> queries = queries();
    List<List<AggregateRow>> before = answers(queries);
    sealer(clockAfterHistory(), new KThreshold(K)).sealClosedDays();
    List<List<AggregateRow>> after = answers(queries);
    for (int i = 0; i < queries.size(); i++) {
      assertSameRows(after.get(i), before.get(i), queries.get(i));
    }
  }

  @Test
  void aRunRightAfterAnother_buildsNothing() {
    SpanSealer sealer = sealer(clockAfterHistory(), new KThreshold(K));
    sealer.sealClosedDays();
    assertThat(sealer.sealClosedDays()).isZero();
  }

  @Test
  void viewsOfADayStillOpen_countAfterSealing() {
    CellQuery totals = new CellQuery(Dimension.PAGE, project, ALL, "/s/0", Granularity.TOTAL, RowOrder.KEY_ASC, 0, 0, 10);
    compactor().compactPending();
    long viewsBefore = reader().read(totals).get(0).views();
    sealer(clockAfterHistory(), new KThreshold(K)).sealClosedDays();
    BatchAggregate late = new BatchAggregate();
    late.add(FIRST.plusDays(DAYS - 1), "/s/0", null, 42);
    journal().append(project, late, Optional.empty(), clockAfterHistory().instant());
    compactor().compactPending();
    assertThat(reader().read(totals)).extracting(AggregateRow::views).containsExactly(viewsBefore + 1);
  }

  /** Keys, days, visibility and views exactly; the union estimate within the sketches' merge noise. */
  private static void assertSameRows(List<AggregateRow> actual, List<AggregateRow> expected, CellQuery q) {
    assertThat(actual).as("%s", q).hasSameSizeAs(expected);
    for (int row = 0; row < actual.size(); row++) {
      AggregateRow a = actual.get(row);
      AggregateRow e = expected.get(row);
      assertThat(new AggregateRow(a.key(), a.day(), a.visible(), a.views(), 0)).as("%s", q)
          .isEqualTo(new AggregateRow(e.key(), e.day(), e.visible(), e.views(), 0));
      assertThat((double) a.uniqueVisitors()).as("%s %s", q, e.key())
          .isCloseTo(e.uniqueVisitors(), Offset.offset(e.uniqueVisitors() * 0.02 + 1));
    }
  }
}
