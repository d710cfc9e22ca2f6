package org.custody.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.ingest.RequestKey;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.stats.AggregateReader;
import org.custody.analytics.stats.AggregateRow;
import org.custody.analytics.stats.CellQuery;
import org.custody.analytics.stats.DateRange;
import org.custody.analytics.stats.Granularity;
import org.custody.analytics.stats.RowOrder;
import org.custody.platform.errors.DomainException;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What journal, compactor, reader and span sealer must do together; run against the in-memory
 * fake and the jOOQ stores on MariaDB. Each test uses its own project, so stores may be shared.
 * The sealer must keep every answer as it was, build nothing on a run right after another, and
 * leave views of a day still open counted; the in-memory one reads the day cells only and so
 * builds nothing, and how the jOOQ one builds its spans is JooqSpanSealerIT's own.
 */
public abstract class AggregateStoreContract {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final LocalDate D1 = LocalDate.parse("2026-03-01");
  private static final LocalDate D2 = LocalDate.parse("2026-03-02");
  private static final LocalDate D3 = LocalDate.parse("2026-03-03");
  private static final DateRange ALL = new DateRange(D1, D3);
  private static final LocalDate SEALING_FIRST = LocalDate.parse("2026-04-01");
  private static final int SEALING_DAYS = 12;
  private static final int SEALING_K = 10;
  private static final DateRange SEALING_RANGE = new DateRange(SEALING_FIRST, SEALING_FIRST.plusDays(SEALING_DAYS - 1));
  private static int projects;

  protected abstract JournalStore journal();

  protected abstract AggregateCompactor compactor();

  protected abstract AggregateReader reader();

  protected abstract SpanSealer sealer(Clock clock, KThreshold k);

  private String project;

  @BeforeEach
  void newProject() {
    project = "contract-" + (++projects) + "-" + System.nanoTime() % 100000;
  }

  /** Appends a batch giving the cell {@code views} views by {@code visitors} distinct visitors (hash base shared across calls). */
  private void record(LocalDate day, String path, String referrer, int views, int visitors, long hashBase) {
    BatchAggregate batch = new BatchAggregate();
    for (int i = 0; i < views; i++) {
      batch.add(day, path, referrer, hashBase + (i % visitors) * 0x9E3779B97F4A7C15L);
    }
    journal().append(project, batch, Optional.empty(), NOW);
  }

  private List<AggregateRow> read(Dimension dimension, Granularity granularity, RowOrder order, long visibleFrom, String prefix,
      int offset, int limit) {
    compactor().compactPending();
    return reader().read(new CellQuery(dimension, project, ALL, prefix, granularity, order, visibleFrom, offset, limit));
  }

  @Test
  void compaction_mergesBatchesOfOneCell_viewsAddAndVisitorsUnite() {
    record(D1, "/a", null, 30, 10, 1);
    record(D1, "/a", null, 20, 10, 1); // the same ten visitors again
    record(D1, "/a", null, 5, 5, 1_000_000);
    List<AggregateRow> rows = read(Dimension.PAGE, Granularity.DAY, RowOrder.KEY_ASC, 0, "", 0, 100);
    assertThat(rows).containsExactly(new AggregateRow("/a", D1, true, 55, 15));
    assertThat(compactor().compactPending()).isZero();
  }

  @Test
  void compactPending_foldsEveryWaitingBatch_overSeveralPasses() {
    for (int i = 0; i < 450; i++) {
      BatchAggregate batch = new BatchAggregate();
      batch.add(D2, "/many-batches", null, i % 30);
      journal().append(project, batch, Optional.empty(), NOW);
    }
    assertThat(compactor().compactPending()).isGreaterThanOrEqualTo(450);
    assertThat(reader().read(new CellQuery(Dimension.PAGE, project, ALL, "", Granularity.DAY, RowOrder.KEY_ASC, 0, 0, 100)))
        .containsExactly(new AggregateRow("/many-batches", D2, true, 450, 30));
  }

  @Test
  void daily_keyOrder_isByKeyThenDay_andVisibilityFollowsTheThreshold() {
    record(D2, "/b", null, 12, 12, 1);
    record(D1, "/b", null, 3, 3, 1);
    record(D1, "/a", null, 10, 10, 1);
    List<AggregateRow> rows = read(Dimension.PAGE, Granularity.DAY, RowOrder.KEY_ASC, 10, "", 0, 100);
    assertThat(rows).containsExactly(
        new AggregateRow("/a", D1, true, 10, 10),
        new AggregateRow("/b", D1, false, 3, 3),
        new AggregateRow("/b", D2, true, 12, 12));
  }

  @Test
  void daily_byViews_listsInvisibleCellsLast_byKey() {
    record(D1, "/z-small", null, 500, 2, 1); // many views, few visitors: must not sort by its views
    record(D1, "/big", null, 100, 20, 1);
    record(D1, "/mid", null, 40, 11, 1);
    record(D2, "/a-small", null, 9, 9, 1);
    List<AggregateRow> rows = read(Dimension.PAGE, Granularity.DAY, RowOrder.VIEWS_DESC, 10, "", 0, 100);
    assertThat(rows).extracting(AggregateRow::key).containsExactly("/big", "/mid", "/a-small", "/z-small");
    assertThat(rows).extracting(AggregateRow::visible).containsExactly(true, true, false, false);
  }

  @Test
  void daily_byUniqueVisitors_ordersByTheEstimates() {
    record(D1, "/many-views", null, 100, 12, 1);
    record(D1, "/many-people", null, 30, 30, 1);
    assertThat(read(Dimension.PAGE, Granularity.DAY, RowOrder.UNIQUE_VISITORS_DESC, 10, "", 0, 100))
        .extracting(AggregateRow::key).containsExactly("/many-people", "/many-views");
  }

  @Test
  void totals_sumOnlyVisibleCells_andAKeyWithNoneIsInvisible() {
    record(D1, "/a", null, 20, 12, 1);
    record(D2, "/a", null, 7, 4, 1_000);      // suppressed day: not in the total
    record(D3, "/a", null, 15, 11, 2_000);
    record(D1, "/b", null, 9, 9, 1);
    record(D2, "/b", null, 8, 8, 1_000);      // each day suppressed, together 17 visitors: still suppressed
    List<AggregateRow> rows = read(Dimension.PAGE, Granularity.TOTAL, RowOrder.VIEWS_DESC, 10, "", 0, 100);
    assertThat(rows).containsExactly(new AggregateRow("/a", null, true, 35, 23), new AggregateRow("/b", null, false, 0, 0));
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.UNIQUE_VISITORS_DESC, 10, "", 0, 100)).isEqualTo(rows);
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.KEY_ASC, 10, "", 0, 100)).isEqualTo(rows);
  }

  @Test
  void scan_givesEveryRowOfTheKeyOrderedRead_inAnyOrder() {
    record(D1, "/a", null, 20, 12, 1);
    record(D2, "/a", null, 7, 4, 1_000);
    record(D3, "/a", null, 15, 11, 2_000);
    record(D1, "/b", null, 9, 9, 1);
    record(D2, "/b/c", null, 30, 25, 3_000);
    for (Granularity granularity : Granularity.values()) {
      for (long visibleFrom : new long[] {0, 10}) {
        for (String prefix : new String[] {"", "/b"}) {
          CellQuery query = new CellQuery(Dimension.PAGE, project, ALL, prefix, granularity, RowOrder.VIEWS_DESC, visibleFrom, 3, 1);
          List<AggregateRow> ordered = read(Dimension.PAGE, granularity, RowOrder.KEY_ASC, visibleFrom, prefix, 0, 100);
          assertThat(reader().scan(query)).as("%s", query).isNotEmpty().containsExactlyInAnyOrderElementsOf(ordered);
        }
      }
    }
  }

  @Test
  void totals_withEveryCellVisible_mergeVisitorsAcrossDays() {
    record(D1, "/a", null, 10, 10, 1);
    record(D2, "/a", null, 10, 10, 1); // the same hashes on both days: one union of 10
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.KEY_ASC, 0, "", 0, 100))
        .containsExactly(new AggregateRow("/a", null, true, 20, 10));
  }

  @Test
  void totals_byUniqueVisitors_sortsOnMergedEstimates_andPages() {
    record(D1, "/x", null, 50, 12, 1);
    record(D1, "/y", null, 20, 20, 100);
    record(D1, "/z", null, 15, 15, 200);
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.UNIQUE_VISITORS_DESC, 10, "", 0, 2))
        .extracting(AggregateRow::key).containsExactly("/y", "/z");
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.UNIQUE_VISITORS_DESC, 10, "", 2, 2))
        .extracting(AggregateRow::key).containsExactly("/x");
  }

  @Test
  void totals_byUniqueVisitors_overManyKeys_pagesLikeAFullSort() {
    for (int i = 0; i < 130; i++) {
      record(D1, String.format("/k%03d", i), null, 10 + i, 10 + i, i * 1_000_000L);
      if (i % 3 == 0) {
        record(D2, String.format("/k%03d", i), null, 10 + i, 10 + i, i * 1_000_000L + 500_000); // more on another day
      }
    }
    record(D1, "/hidden", null, 50, 5, 1);
    List<AggregateRow> all = read(Dimension.PAGE, Granularity.TOTAL, RowOrder.UNIQUE_VISITORS_DESC, 10, "", 0, 1000);
    assertThat(all).hasSize(131);
    assertThat(all.get(130).key()).isEqualTo("/hidden");
    assertThat(all.subList(0, 130)).isSortedAccordingTo(
        java.util.Comparator.comparingLong(AggregateRow::uniqueVisitors).reversed().thenComparing(AggregateRow::key));
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.UNIQUE_VISITORS_DESC, 10, "", 3, 5)).isEqualTo(all.subList(3, 8));
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.UNIQUE_VISITORS_DESC, 10, "", 128, 5)).isEqualTo(all.subList(128, 131));
  }

  @Test
  void read_prefix_matchesLiterally_evenWithLikeWildcards() {
    record(D1, "/a_b/page", null, 10, 10, 1);
    record(D1, "/axb/page", null, 10, 10, 1);
    record(D1, "/a%/page", null, 10, 10, 1);
    assertThat(read(Dimension.PAGE, Granularity.DAY, RowOrder.KEY_ASC, 0, "/a_b", 0, 100))
        .extracting(AggregateRow::key).containsExactly("/a_b/page");
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.KEY_ASC, 0, "/a%", 0, 100))
        .extracting(AggregateRow::key).containsExactly("/a%/page");
  }

  @Test
  void read_offsetAndLimit_slice() {
    for (int i = 0; i < 5; i++) {
      record(D1, "/p" + i, null, 10 + i, 10, 1);
    }
    assertThat(read(Dimension.PAGE, Granularity.DAY, RowOrder.VIEWS_DESC, 0, "", 1, 2))
        .extracting(AggregateRow::key).containsExactly("/p3", "/p2");
  }

  @Test
  void referrers_areTheirOwnDimension() {
    record(D1, "/a", "news.example.org", 12, 12, 1);
    record(D2, "/b", "news.example.org", 3, 3, 1);
    assertThat(read(Dimension.REFERRER, Granularity.TOTAL, RowOrder.VIEWS_DESC, 10, "", 0, 100))
        .containsExactly(new AggregateRow("news.example.org", null, true, 12, 12));
    assertThat(read(Dimension.PAGE, Granularity.TOTAL, RowOrder.KEY_ASC, 0, "", 0, 100)).hasSize(2);
  }

  @Test
  void append_sameRequestIdAndContent_isAReplay_otherContentIsRefused() {
    BatchAggregate batch = new BatchAggregate();
    batch.add(D1, "/a", null, 42);
    RequestKey key = new RequestKey("2b0e4c9a-5d61-4f1e-8a3b-1c2d3e4f5a6b", new byte[32]);
    assertThat(journal().append(project, batch, Optional.of(key), NOW)).isEqualTo(new JournalStore.Appended(1, false));
    assertThat(journal().append(project, batch, Optional.of(key), NOW)).isEqualTo(new JournalStore.Appended(1, true));
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> journal().append(project, batch, Optional.of(new RequestKey(key.requestId(), other)), NOW))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("REQUEST_ID_REUSED"));
    assertThat(read(Dimension.PAGE, Granularity.DAY, RowOrder.KEY_ASC, 0, "", 0, 100))
        .containsExactly(new AggregateRow("/a", D1, true, 1, 1));
  }

  /** Twelve days of 8 paths and 3 referrer hosts, 1 to 30 visitors a cell: some cells below k. */
  private void seedSealingHistory() {
    Random random = new Random(projects);
    for (int day = 0; day < SEALING_DAYS; day++) {
      BatchAggregate batch = new BatchAggregate();
      for (int path = 0; path < 8; path++) {
        int visitors = 1 + random.nextInt(30);
        for (int view = 0; view < visitors * 2; view++) {
          long visitor = (path * 131L + random.nextInt(visitors)) * 0x9E3779B97F4A7C15L;
          batch.add(SEALING_FIRST.plusDays(day), "/s/" + path, "host-" + (path % 3) + ".example", visitor);
        }
      }
      journal().append(project, batch, Optional.empty(), SEALING_FIRST.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
  }

  /** Noon after the last day: every day but the last is closed. */
  private static MutableClock clockAfterHistory() {
    return new MutableClock(SEALING_FIRST.plusDays(SEALING_DAYS).atTime(12, 0).toInstant(ZoneOffset.UTC));
  }

  private List<CellQuery> queries() {
    List<CellQuery> queries = new ArrayList<>();
    DateRange inner = new DateRange(SEALING_FIRST.plusDays(1), SEALING_FIRST.plusDays(9));
    for (Dimension dimension : Dimension.values()) {
      for (Granularity granularity : Granularity.values()) {
        for (long visibleFrom : new long[] {0, SEALING_K}) {
          for (RowOrder order : new RowOrder[] {RowOrder.KEY_ASC, RowOrder.VIEWS_DESC}) {
            queries.add(new CellQuery(dimension, project, SEALING_RANGE, "", granularity, order, visibleFrom, 0, 1000));
            queries.add(new CellQuery(dimension, project, inner, "", granularity, order, visibleFrom, 0, 1000));
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
    seedSealingHistory();
    List<CellQuery> queries = queries();
    List<List<AggregateRow>> before = answers(queries);
    sealer(clockAfterHistory(), new KThreshold(SEALING_K)).sealClosedDays();
    List<List<AggregateRow>> after = answers(queries);
    for (int i = 0; i < queries.size(); i++) {
      assertSameRows(after.get(i), before.get(i), queries.get(i));
    }
  }

  @Test
  void sealing_aRunRightAfterAnother_buildsNothing() {
    seedSealingHistory();
    SpanSealer sealer = sealer(clockAfterHistory(), new KThreshold(SEALING_K));
    sealer.sealClosedDays();
    assertThat(sealer.sealClosedDays()).isZero();
  }

  @Test
  void sealing_viewsOfADayStillOpen_countAfterIt() {
    seedSealingHistory();
    CellQuery totals =
        new CellQuery(Dimension.PAGE, project, SEALING_RANGE, "/s/0", Granularity.TOTAL, RowOrder.KEY_ASC, 0, 0, 10);
    compactor().compactPending();
    long viewsBefore = reader().read(totals).get(0).views();
    sealer(clockAfterHistory(), new KThreshold(SEALING_K)).sealClosedDays();
    BatchAggregate late = new BatchAggregate();
    late.add(SEALING_FIRST.plusDays(SEALING_DAYS - 1), "/s/0", null, 42);
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
