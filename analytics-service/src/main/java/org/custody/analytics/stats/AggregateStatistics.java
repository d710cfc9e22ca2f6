package org.custody.analytics.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import org.custody.analytics.aggregate.AggregateCompactor;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.budget.PrivacyBudget;
import org.custody.analytics.budget.PrivacyBudgets;
import org.custody.analytics.metrics.AnalyticsMetrics;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.privacy.Noise;
import org.custody.analytics.privacy.NoiseRequirement;
import org.custody.platform.access.Purpose;

/**
 * Answers page and referrer statistics from the day aggregates, in one of two modes.
 *
 * <p><b>Exact mode</b> (epsilon 0): a cell with fewer than k unique visitors is suppressed (no
 * numbers), and suppressed rows are listed after every shown row, by key, so their position
 * says nothing about their size. A total row is built from the <em>shown</em> cells only, so
 * everything answered is a function of the shown cells and no subtraction of one answer from
 * another (a total minus its visible days, one date range minus an overlapping one) recovers a
 * suppressed cell. A key whose cells are all suppressed has a suppressed total.
 *
 * <p><b>Noisy mode</b> (epsilon &gt; 0): the query first spends epsilon from the project's daily
 * budget; then every released count gets two-sided geometric noise. Contribution bounding: the
 * privacy unit is one page view, which adds 1 to the views of exactly one row (its cell, or its
 * key's total) and at most 1 to that row's unique visitors (a sketch counts a visitor once),
 * so each of the two released measures has L1 sensitivity 1 and gets half of epsilon. Rows
 * whose noisy unique visitors fall below k are suppressed (post-processing, free), and rows
 * are ordered by their noisy values.
 */
public final class AggregateStatistics {
  private final AggregateReader reader;
  private final AggregateCompactor compactor;
  private final PrivacyBudgets budgets;
  private final Noise noise;
  private final KThreshold k;
  private final AnalyticsMetrics metrics;

  public AggregateStatistics(AggregateReader reader, AggregateCompactor compactor, PrivacyBudgets budgets,
      Noise noise, KThreshold k, AnalyticsMetrics metrics) {
    this.reader = reader;
    this.compactor = compactor;
    this.budgets = budgets;
    this.noise = noise;
    this.k = k;
    this.metrics = metrics;
  }

  /** Page views and unique visitors per normalised path. */
  public StatisticsPage pages(StatisticsRequest request, Purpose purpose) {
    return answer(Dimension.PAGE, request, purpose);
  }

  /** Views and unique visitors per referrer host. */
  public StatisticsPage referrers(StatisticsRequest request, Purpose purpose) {
    return answer(Dimension.REFERRER, request, purpose);
  }

  /** The k-threshold in force. */
  public KThreshold kThreshold() {
    return k;
  }

  private StatisticsPage answer(Dimension dimension, StatisticsRequest request, Purpose purpose) {
    NoiseRequirement.check(purpose, request.noisy());
    PrivacyBudget budget = request.noisy()
        ? budgets.spend(request.projectId(), request.epsilon())
        : budgets.today(request.projectId());
    compactor.compactPending();
    StatisticsPage page = request.noisy() ? noisy(dimension, request, budget) : exact(dimension, request, budget);
    long suppressed = page.rows().stream().filter(StatisticRow::suppressed).count();
    metrics.rowsSuppressed(dimension == Dimension.PAGE ? AnalyticsMetrics.QueryKind.PAGES : AnalyticsMetrics.QueryKind.REFERRERS,
        suppressed);
    return page;
  }

  private StatisticsPage exact(Dimension dimension, StatisticsRequest request, PrivacyBudget budget) {
    List<AggregateRow> stored = reader.read(new CellQuery(dimension, request.projectId(), request.range(),
        request.keyPrefix(), request.granularity(), request.order(), k.value(), request.offset(), request.pageSize() + 1));
    boolean more = stored.size() > request.pageSize();
    List<StatisticRow> rows = new ArrayList<>();
    for (AggregateRow row : stored.subList(0, Math.min(stored.size(), request.pageSize()))) {
      boolean shown = row.visible() && !k.hides(row.uniqueVisitors());
      rows.add(shown
          ? new StatisticRow(row.key(), row.day(), false, row.views(), row.uniqueVisitors())
          : new StatisticRow(row.key(), row.day(), true, 0, 0));
    }
    return new StatisticsPage(rows, more ? OptionalInt.of(request.offset() + rows.size()) : OptionalInt.empty(),
        k.value(), false, 0, budget.remainingEpsilon());
  }

  private StatisticsPage noisy(Dimension dimension, StatisticsRequest request, PrivacyBudget budget) {
    List<AggregateRow> stored = reader.scan(new CellQuery(dimension, request.projectId(), request.range(),
        request.keyPrefix(), request.granularity(), RowOrder.KEY_ASC, 0, 0, Integer.MAX_VALUE));
    double perMeasure = request.epsilon() / 2;
    List<StatisticRow> shown = new ArrayList<>();
    List<StatisticRow> hidden = new ArrayList<>();
    for (AggregateRow row : stored) {
      long views = noise.perturb(row.views(), perMeasure, 1);
      long uniques = Math.min(views, noise.perturb(row.uniqueVisitors(), perMeasure, 1));
      if (k.hides(uniques)) {
        hidden.add(new StatisticRow(row.key(), row.day(), true, 0, 0));
      } else {
        shown.add(new StatisticRow(row.key(), row.day(), false, views, uniques));
      }
    }
    // Only the first offset + pageSize rows of the order are needed: bounded heaps stand in for
    // sorting every row (tens of thousands for a month of per-day cells).
    long needed = (long) request.offset() + request.pageSize();
    List<StatisticRow> ordered;
    if (request.order() == RowOrder.KEY_ASC) {
      shown.addAll(hidden);
      ordered = top(shown, order(RowOrder.KEY_ASC), needed);
    } else {
      ordered = top(shown, order(request.order()), needed);
      ordered.addAll(top(hidden, order(RowOrder.KEY_ASC), needed - ordered.size()));
    }
    int from = Math.min(request.offset(), ordered.size());
    int to = (int) Math.min(needed, ordered.size());
    return new StatisticsPage(List.copyOf(ordered.subList(from, to)), needed < stored.size() ? OptionalInt.of(to) : OptionalInt.empty(),
        k.value(), true, request.epsilon(), budget.remainingEpsilon());
  }

  /** The first {@code limit} rows in {@code order}, sorted. */
  static List<StatisticRow> top(List<StatisticRow> rows, Comparator<StatisticRow> order, long limit) {
    if (limit <= 0) {
      return new ArrayList<>();
    }
    if (limit >= rows.size()) {
      List<StatisticRow> sorted = new ArrayList<>(rows);
      sorted.sort(order);
      return sorted;
    }
    // A max-heap of the best rows so far; a row that is not better than its worst is skipped
    // with one comparison, which is what almost every row costs once the heap is full.
    PriorityQueue<StatisticRow> heap = new PriorityQueue<>((int) limit + 1, order.reversed());
    for (StatisticRow row : rows) {
      if (heap.size() < limit) {
        heap.add(row);
      } else if (order.compare(row, heap.peek()) < 0) {
        heap.poll();
        heap.add(row);
      }
    }
    List<StatisticRow> sorted = new ArrayList<>(heap);
    sorted.sort(order);
    return sorted;
  }

  /** Shown rows by the asked order, then suppressed rows; ties and suppressed rows by key, then day. */
  static Comparator<StatisticRow> order(RowOrder order) {
    Comparator<StatisticRow> byKey = Comparator.comparing(StatisticRow::key)
        .thenComparing(StatisticRow::day, Comparator.nullsFirst(Comparator.naturalOrder()));
    Comparator<StatisticRow> byValue = switch (order) {
      case VIEWS_DESC -> Comparator.comparingLong(StatisticRow::views).reversed();
      case UNIQUE_VISITORS_DESC -> Comparator.comparingLong(StatisticRow::uniqueVisitors).reversed();
      case KEY_ASC -> (a, b) -> 0;
    };
    if (order == RowOrder.KEY_ASC) {
      return byKey;
    }
    return Comparator.comparing(StatisticRow::suppressed).thenComparing(byValue).thenComparing(byKey);
  }
}
