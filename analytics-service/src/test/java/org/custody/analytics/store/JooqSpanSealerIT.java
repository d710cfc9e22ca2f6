package org.custody.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.analytics.store.generated.Tables.PAGE_SPAN;
import static org.custody.analytics.store.generated.Tables.SPAN_WATERMARK;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.custody.analytics.aggregate.BatchAggregate;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.aggregate.SpanSealer;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.stats.AggregateRow;
import org.custody.analytics.stats.CellQuery;
import org.custody.analytics.stats.DateRange;
import org.custody.analytics.stats.Granularity;
import org.custody.analytics.stats.RowOrder;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sealed spans on MariaDB: totals read through them are the totals read from the day cells. */
class JooqSpanSealerIT {
  private static final LocalDate FIRST = LocalDate.parse("2026-05-03");
  private static final int DAYS = 45;
  private static final int K = 10;
  @RegisterExtension static final ServiceDatabase<AnalyticsStores> db = ServiceDatabase.of("analytics", AnalyticsStores::new);
  private static int projects;

  /** 45 days of 40 paths and 6 referrer hosts, visitors from 1 to 60 a cell: about half the cells below k. */
  private static String seed() {
    String project = "seal-" + (++projects);
    Random random = new Random(projects);
    for (int day = 0; day < DAYS; day++) {
      BatchAggregate batch = new BatchAggregate();
      for (int path = 0; path < 40; path++) {
        if (random.nextInt(10) == 0) {
          continue; // some keys skip some days
        }
        int visitors = 1 + random.nextInt(path < 10 ? 60 : 15);
        for (int view = 0; view < visitors * 2; view++) {
          long visitor = (path * 131L + random.nextInt(visitors)) * 0x9E3779B97F4A7C15L + day % 3; // repeat visitors across days
          batch.add(FIRST.plusDays(day), "/p/" + path, "host-" + (path % 6) + ".example", visitor);
        }
      }
      db.stores().journal().append(project, batch, Optional.empty(), FIRST.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
    db.stores().compactor().compactPending();
    return project;
  }

  private static MutableClock clockAfterHistory() {
    return new MutableClock(FIRST.plusDays(DAYS).atTime(12, 0).toInstant(ZoneOffset.UTC));
  }

  private static List<CellQuery> queries(String project) {
    Random random = new Random(3);
    List<CellQuery> queries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      LocalDate start = FIRST.plusDays(random.nextInt(DAYS));
      LocalDate end = start.plusDays(random.nextInt((int) DateRange.days(start, FIRST.plusDays(DAYS - 1))));
      Dimension dimension = i % 5 == 0 ? Dimension.REFERRER : Dimension.PAGE;
      String prefix = dimension == Dimension.PAGE && i % 3 == 0 ? "/p/1" : "";
      long visibleFrom = switch (i % 4) { case 0 -> 0; case 1 -> 7; default -> K; };
      RowOrder order = RowOrder.values()[i % RowOrder.values().length];
      int offset = i % 7 == 0 ? 5 : 0;
      int limit = i % 2 == 0 ? 1000 : 8;
      queries.add(new CellQuery(dimension, project, new DateRange(start, end), prefix, Granularity.TOTAL, order, visibleFrom, offset, limit));
    }
    return queries;
  }

  @Test
  void totals_readThroughSealedSpans_equalTotalsReadFromTheDayCells() {
    String project = seed();
    List<CellQuery> queries = queries(project);
    List<List<AggregateRow>> fromDays = queries.stream().map(q -> db.stores().aggregates().read(q)).toList();

    SpanSealer sealer = db.stores().spanSealer(clockAfterHistory(), new KThreshold(K));
    assertThat(sealer.sealClosedDays()).isPositive();
    LocalDate closed = FIRST.plusDays(DAYS - 2); // the last day is not closed yet at noon the next day
    assertThat(JooqSpanWatermarks.read(db.dsl(), Dimension.PAGE, project, K)).contains(closed);
    assertThat(JooqSpanWatermarks.read(db.dsl(), Dimension.REFERRER, project, 0)).contains(closed);
    assertThat(sealer.sealClosedDays()).as("nothing left to build").isZero();

    for (int i = 0; i < queries.size(); i++) {
      CellQuery q = queries.get(i);
      List<AggregateRow> sealed = db.stores().aggregates().read(q);
      List<AggregateRow> expected = fromDays.get(i);
      // the noisy answers' single read of every piece gives the rows the ordered reads give
      CellQuery everyKey = new CellQuery(q.dimension(), q.projectId(), q.range(), q.keyPrefix(), q.granularity(), RowOrder.KEY_ASC,
          q.visibleFrom(), 0, Integer.MAX_VALUE);
      assertThat(db.stores().aggregates().scan(q)).as("%s", q).containsExactlyInAnyOrderElementsOf(db.stores().aggregates().read(everyKey));
      if (q.order() == RowOrder.UNIQUE_VISITORS_DESC) {
        // near-equal estimates may swap places: compare key by key on complete answers
        if (q.offset() == 0 && q.limit() == 1000) {
          assertSameRows(byKey(sealed), byKey(expected), q);
        }
        continue;
      }
      assertThat(sealed).as("%s", q).hasSameSizeAs(expected);
      for (int row = 0; row < sealed.size(); row++) {
        assertSameRow(sealed.get(row), expected.get(row), q);
      }
    }
  }

  private static Map<String, AggregateRow> byKey(List<AggregateRow> rows) {
    Map<String, AggregateRow> map = new LinkedHashMap<>();
    rows.forEach(r -> map.put(r.key(), r));
    return map;
  }

  private static void assertSameRows(Map<String, AggregateRow> actual, Map<String, AggregateRow> expected, CellQuery q) {
    assertThat(actual.keySet()).as("%s", q).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((key, row) -> assertSameRow(actual.get(key), row, q));
  }

  /** Views and visibility exactly; the union estimate within the sketches' merge noise. */
  private static void assertSameRow(AggregateRow actual, AggregateRow expected, CellQuery q) {
    assertThat(actual.key()).as("%s", q).isEqualTo(expected.key());
    assertThat(actual.visible()).as("%s %s", q, expected.key()).isEqualTo(expected.visible());
    assertThat(actual.views()).as("%s %s", q, expected.key()).isEqualTo(expected.views());
    assertThat((double) actual.uniqueVisitors()).as("%s %s", q, expected.key())
        .isCloseTo(expected.uniqueVisitors(), org.assertj.core.data.Offset.offset(expected.uniqueVisitors() * 0.02 + 1));
  }

  @Test
  void sealing_isIncremental_andNeverCoversADayThatIsStillOpen() {
    String project = seed();
    MutableClock clock = new MutableClock(FIRST.plusDays(20).atTime(0, 30).toInstant(ZoneOffset.UTC));
    SpanSealer sealer = db.stores().spanSealer(clock, new KThreshold(K));
    sealer.sealClosedDays();
    // at 00:30 on day 20, views of day 19 are still accepted (24 h) and a margin remains: day 17 is the last closed
    assertThat(JooqSpanWatermarks.read(db.dsl(), Dimension.PAGE, project, K)).contains(FIRST.plusDays(17));
    List<LocalDate> lastDays = db.dsl().select(PAGE_SPAN.FIRST_DATE, PAGE_SPAN.SPAN_DAYS).from(PAGE_SPAN)
        .where(PAGE_SPAN.PROJECT_ID.eq(project)).fetch(r -> r.value1().plusDays(r.value2() - 1));
    assertThat(lastDays).isNotEmpty().allSatisfy(last -> assertThat(last).isBeforeOrEqualTo(FIRST.plusDays(17)));

    clock.set(clock.instant().plusSeconds(3600 * 24 * 10));
    assertThat(sealer.sealClosedDays()).isPositive();
    assertThat(JooqSpanWatermarks.read(db.dsl(), Dimension.PAGE, project, K)).contains(FIRST.plusDays(27));
    assertThat(JooqSpanSealer.closedThrough(Instant.parse("2026-06-10T01:00:00Z"))).isEqualTo(LocalDate.parse("2026-06-08"));
  }

  @Test
  void aNewThreshold_dropsTheSpansOfTheOldOne_andBuildsItsOwn() {
    String project = seed();
    db.stores().spanSealer(clockAfterHistory(), new KThreshold(K)).sealClosedDays();
    assertThat(db.dsl().fetchCount(PAGE_SPAN, PAGE_SPAN.PROJECT_ID.eq(project).and(PAGE_SPAN.VISIBLE_FROM.eq((long) K))))
        .isPositive();

    new AnalyticsStores(db.dsl()).spanSealer(clockAfterHistory(), new KThreshold(12)).sealClosedDays();
    assertThat(db.dsl().fetchCount(PAGE_SPAN, PAGE_SPAN.VISIBLE_FROM.eq((long) K))).isZero();
    assertThat(db.dsl().fetchCount(SPAN_WATERMARK, SPAN_WATERMARK.VISIBLE_FROM.eq((long) K))).isZero();
    assertThat(db.dsl().fetchCount(PAGE_SPAN, PAGE_SPAN.PROJECT_ID.eq(project).and(PAGE_SPAN.VISIBLE_FROM.eq(12L))))
        .isPositive();
  }
}
