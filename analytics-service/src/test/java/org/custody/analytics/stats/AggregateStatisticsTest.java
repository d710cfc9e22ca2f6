package org.custody.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.custody.analytics.aggregate.BatchAggregate;
import org.custody.analytics.aggregate.InMemoryAggregates;
import org.custody.analytics.budget.InMemoryBudgetStore;
import org.custody.analytics.budget.PrivacyBudgets;
import org.custody.analytics.metrics.AnalyticsMetrics;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.testing.CountingMetrics;
import org.custody.analytics.testing.ZeroNoise;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class AggregateStatisticsTest {
  private static final LocalDate D1 = LocalDate.parse("2026-03-01");
  private static final LocalDate D2 = LocalDate.parse("2026-03-02");

  private final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
  private final InMemoryAggregates aggregates = new InMemoryAggregates();
  private final CountingMetrics metrics = new CountingMetrics();
  private final ZeroNoise noise = new ZeroNoise();
  private final PrivacyBudgets budgets = new PrivacyBudgets(new InMemoryBudgetStore(), clock, 3, metrics);
  private final AggregateStatistics statistics =
      new AggregateStatistics(aggregates, aggregates, budgets, noise, new KThreshold(10), metrics);

  private void record(LocalDate day, String path, int views, int visitors, long hashBase) {
    BatchAggregate batch = new BatchAggregate();
    for (int i = 0; i < views; i++) {
      batch.add(day, path, null, hashBase + i % visitors);
    }
    aggregates.append("acme", batch, Optional.empty(), Instant.EPOCH);
  }

  private static StatisticsRequest exact(LocalDate from, LocalDate to, Granularity granularity) {
    return new StatisticsRequest("acme", new DateRange(from, to), granularity, "", RowOrder.VIEWS_DESC, 0, 100, 0);
  }

  @Test
  void P4_exact_suppressesCellsBelowK_withoutNumbers_andListsThemLast() {
    record(D1, "/rare", 300, 3, 0);
    record(D1, "/popular", 40, 25, 0);
    StatisticsPage page = statistics.pages(exact(D1, D1, Granularity.DAY), Purpose.SERVICE_IMPROVEMENT);
    assertThat(page.rows()).containsExactly(
        new StatisticRow("/popular", D1, false, 40, 25),
        new StatisticRow("/rare", D1, true, 0, 0));
    assertThat(page.kThreshold()).isEqualTo(10);
    assertThat(page.noisy()).isFalse();
    assertThat(metrics.suppressed.get(AnalyticsMetrics.QueryKind.PAGES)).isEqualTo(1);
  }

  @Test
  void P4_exactTotals_cannotBeDifferencedToRecoverASuppressedCell() {
    record(D1, "/a", 20, 12, 0);
    record(D2, "/a", 7, 4, 100); // suppressed
    List<StatisticRow> days = statistics.pages(exact(D1, D2, Granularity.DAY), Purpose.SERVICE_IMPROVEMENT).rows();
    long visibleSum = days.stream().filter(r -> !r.suppressed()).mapToLong(StatisticRow::views).sum();
    StatisticRow total = statistics.pages(exact(D1, D2, Granularity.TOTAL), Purpose.SERVICE_IMPROVEMENT).rows().get(0);
    // total minus the visible days reveals nothing: the suppressed day is not in the total
    assertThat(total.views() - visibleSum).isZero();
    // nor does one range minus an overlapping one
    StatisticRow firstDay = statistics.pages(exact(D1, D1, Granularity.TOTAL), Purpose.SERVICE_IMPROVEMENT).rows().get(0);
    assertThat(total.views() - firstDay.views()).isZero();
    assertThat(total.uniqueVisitors()).isEqualTo(firstDay.uniqueVisitors());
    assertThat(statistics.pages(exact(D2, D2, Granularity.TOTAL), Purpose.SERVICE_IMPROVEMENT).rows())
        .containsExactly(new StatisticRow("/a", null, true, 0, 0));
  }

  @Test
  void exact_answersIncludeBatchesNotYetCompacted() {
    record(D1, "/a", 10, 10, 0);
    assertThat(aggregates.pending()).isEqualTo(1);
    assertThat(statistics.pages(exact(D1, D1, Granularity.DAY), Purpose.SERVICE_IMPROVEMENT).rows()).hasSize(1);
    assertThat(aggregates.pending()).isZero();
  }

  @Test
  void exact_pages_thenNextOffsetUntilTheEnd() {
    for (int i = 0; i < 5; i++) {
      record(D1, "/p" + i, 10 + i, 10, 0);
    }
    StatisticsRequest first = new StatisticsRequest("acme", new DateRange(D1, D1), Granularity.DAY, "", RowOrder.VIEWS_DESC, 0, 2, 0);
    StatisticsPage page = statistics.pages(first, Purpose.SERVICE_IMPROVEMENT);
    assertThat(page.rows()).extracting(StatisticRow::key).containsExactly("/p4", "/p3");
    assertThat(page.nextOffset()).hasValue(2);
    StatisticsPage last = statistics.pages(new StatisticsRequest("acme", new DateRange(D1, D1), Granularity.DAY, "",
        RowOrder.VIEWS_DESC, 0, 2, 4), Purpose.SERVICE_IMPROVEMENT);
    assertThat(last.rows()).extracting(StatisticRow::key).containsExactly("/p0");
    assertThat(last.nextOffset()).isEmpty();
  }

  @Test
  void P6_research_withoutNoise_isRefused_andSpendsNothing() {
    assertThatThrownBy(() -> statistics.pages(exact(D1, D1, Granularity.DAY), Purpose.RESEARCH))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
          assertThat(e.reason()).isEqualTo("NOISY_MODE_REQUIRED");
        });
    assertThat(budgets.today("acme").spentEpsilon()).isZero();
  }

  @Test
  void noisy_spendsItsEpsilon_addsNoiseToEveryCount_andSuppressesOnNoisyValues() {
    record(D1, "/a", 40, 25, 0);
    record(D1, "/b", 30, 3, 0);
    StatisticsRequest request = new StatisticsRequest("acme", new DateRange(D1, D1), Granularity.DAY, "", RowOrder.VIEWS_DESC, 1.0, 100, 0);
    StatisticsPage page = statistics.pages(request, Purpose.RESEARCH);
    assertThat(page.noisy()).isTrue();
    assertThat(page.epsilonSpent()).isEqualTo(1.0);
    assertThat(page.budgetRemaining()).isEqualTo(2.0);
    assertThat(noise.draws).isEqualTo(4); // views and unique visitors of both cells
    assertThat(page.rows()).containsExactly(new StatisticRow("/a", D1, false, 40, 25), new StatisticRow("/b", D1, true, 0, 0));
    assertThat(metrics.epsilonSpent).isEqualTo(1.0);
  }

  @Test
  void noisy_pagesThroughRowsOrderedByNoisyValues_suppressedLast() {
    for (int i = 0; i < 5; i++) {
      record(D1, "/p" + i, 20 + i, 10 + i, 0);
    }
    record(D1, "/a-hidden", 50, 2, 0);
    StatisticsRequest second = new StatisticsRequest("acme", new DateRange(D1, D1), Granularity.DAY, "", RowOrder.VIEWS_DESC, 0.5, 2, 2);
    StatisticsPage page = statistics.pages(second, Purpose.SERVICE_IMPROVEMENT);
    assertThat(page.rows()).extracting(StatisticRow::key).containsExactly("/p2", "/p1");
    assertThat(page.nextOffset()).hasValue(4);
    StatisticsPage last = statistics.pages(new StatisticsRequest("acme", new DateRange(D1, D1), Granularity.DAY, "",
        RowOrder.VIEWS_DESC, 0.5, 2, 4), Purpose.SERVICE_IMPROVEMENT);
    assertThat(last.rows()).extracting(StatisticRow::key, StatisticRow::suppressed)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/p0", false), org.assertj.core.groups.Tuple.tuple("/a-hidden", true));
    assertThat(last.nextOffset()).isEmpty();
  }

  @Test
  void noisy_beyondTheBudget_isExhausted_andCounted() {
    StatisticsRequest request = new StatisticsRequest("acme", new DateRange(D1, D1), Granularity.TOTAL, "", RowOrder.VIEWS_DESC, 2.0, 100, 0);
    statistics.referrers(request, Purpose.RESEARCH);
    assertThatThrownBy(() -> statistics.referrers(request, Purpose.RESEARCH))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("PRIVACY_BUDGET_EXHAUSTED"));
    assertThat(metrics.exhausted).isEqualTo(1);
  }

  @Test
  void order_keyAscending_ignoresSuppression() {
    List<StatisticRow> rows = new java.util.ArrayList<>(List.of(
        new StatisticRow("/b", D1, false, 5, 5), new StatisticRow("/a", D2, true, 0, 0), new StatisticRow("/a", D1, false, 9, 9)));
    rows.sort(AggregateStatistics.order(RowOrder.KEY_ASC));
    assertThat(rows).extracting(StatisticRow::key, StatisticRow::day)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/a", D1), org.assertj.core.groups.Tuple.tuple("/a", D2),
            org.assertj.core.groups.Tuple.tuple("/b", D1));
  }
  @Test
  void top_ofRowsInAnyOrder_isTheSortedPrefix_forEveryOrderAndLength() {
    java.util.Random random = new java.util.Random(7);
    List<StatisticRow> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) { // 100 keys x 5 days: a (key, day) once, as in an answer
      boolean suppressed = random.nextInt(4) == 0;
      long views = suppressed ? 0 : random.nextInt(30); // many ties, broken by key then day
      rows.add(new StatisticRow("/p" + i / 5, D1.plusDays(i % 5), suppressed, views, suppressed ? 0 : views / 2));
    }
    for (RowOrder order : RowOrder.values()) {
      List<StatisticRow> sorted = new java.util.ArrayList<>(rows);
      sorted.sort(AggregateStatistics.order(order));
      for (int limit : new int[] {0, 1, 37, 499, 500, 1000}) {
        java.util.Collections.shuffle(rows, random);
        assertThat(AggregateStatistics.top(rows, AggregateStatistics.order(order), limit)).as("%s, %d", order, limit)
            .containsExactlyElementsOf(sorted.subList(0, Math.min(limit, sorted.size())));
      }
    }
  }
}
