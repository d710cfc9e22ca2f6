package org.custody.analytics.store;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.datasketches.hll.Union;
import org.custody.analytics.aggregate.Sketches;
import org.custody.analytics.stats.AggregateReader;
import org.custody.analytics.stats.AggregateRow;
import org.custody.analytics.stats.CellQuery;
import org.custody.analytics.stats.Granularity;
import org.custody.analytics.stats.RowOrder;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.SortField;

/**
 * Reads page_day / referrer_day. Per-day rows are ordered and sliced in SQL from the stored
 * estimates. Total rows are grouped in SQL (views summed over visible cells); their unique
 * visitors come from merging the visible cells' sketches: for the requested page only, or, when
 * ordering by unique visitors, for as few keys as an upper bound allows.
 */
final class JooqAggregateReader implements AggregateReader {
  private static final int MERGE_CHUNK = 50;

  private final DSLContext dsl;

  JooqAggregateReader(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public List<AggregateRow> read(CellQuery query) {
    return read(CellTable.of(query.dimension()), query);
  }

  private <R extends Record> List<AggregateRow> read(CellTable<R> t, CellQuery q) {
    return q.granularity() == Granularity.DAY ? daily(t, q) : totals(t, q);
  }

  private static <R extends Record> Condition where(CellTable<R> t, CellQuery q) {
    Condition condition = t.project().eq(q.projectId()).and(t.day().between(q.range().start(), q.range().end()));
    return q.keyPrefix().isEmpty() ? condition : condition.and(t.key().startsWith(q.keyPrefix()));
  }

  private static <R extends Record> Condition visible(CellTable<R> t, CellQuery q) {
    return t.uniqueVisitors().ge(q.visibleFrom());
  }

  private <R extends Record> List<AggregateRow> daily(CellTable<R> t, CellQuery q) {
    Field<Integer> visible = when(visible(t, q), inline(1)).otherwise(inline(0)).as("visible");
    var select = dsl.select(t.key(), t.day(), t.views(), t.uniqueVisitors(), visible).from(t.counts()).where(where(t, q));
    boolean everyRow = q.offset() == 0 && q.limit() == Integer.MAX_VALUE;
    List<AggregateRow> rows = new ArrayList<>();
    // Every row (noisy answers): sorted here. MariaDB would sort the rows by their up-to-2 KB
    // path keys in on-disk merge passes (~10x slower for 30,000 rows); with a LIMIT it keeps
    // only the top rows in memory, which is fast.
    for (Record5<String, LocalDate, Long, Long, Integer> r : everyRow
        ? select.fetch()
        : select.orderBy(dailyOrder(t, q, visible)).limit(q.limit()).offset(q.offset()).fetch()) {
      rows.add(new AggregateRow(r.value1(), r.value2(), r.value5() == 1, r.value3(), r.value4()));
    }
    if (everyRow) {
      rows.sort(inMemoryOrder(q.order()));
    }
    return rows;
  }

  private static <R extends Record> List<SortField<?>> dailyOrder(CellTable<R> t, CellQuery q, Field<Integer> visible) {
    List<SortField<?>> order = new ArrayList<>();
    if (q.order() != RowOrder.KEY_ASC) {
      Field<Long> measure = q.order() == RowOrder.VIEWS_DESC ? t.views() : t.uniqueVisitors();
      order.add(visible.desc());
      order.add(when(visible(t, q), measure).otherwise(inline(0L)).desc());
    }
    order.add(t.key().asc());
    order.add(t.day().asc());
    return order;
  }

  /** The SQL orders of {@link #dailyOrder}, for rows sorted in memory. */
  private static Comparator<AggregateRow> inMemoryOrder(RowOrder order) {
    Comparator<AggregateRow> byKey = Comparator.comparing(AggregateRow::key)
        .thenComparing(AggregateRow::day, Comparator.nullsFirst(Comparator.naturalOrder()));
    return switch (order) {
      case KEY_ASC -> byKey;
      case VIEWS_DESC -> Comparator.comparing((AggregateRow r) -> !r.visible())
          .thenComparing(Comparator.comparingLong((AggregateRow r) -> r.visible() ? r.views() : 0).reversed())
          .thenComparing(byKey);
      case UNIQUE_VISITORS_DESC -> Comparator.comparing((AggregateRow r) -> !r.visible())
          .thenComparing(Comparator.comparingLong((AggregateRow r) -> r.visible() ? r.uniqueVisitors() : 0).reversed())
          .thenComparing(byKey);
    };
  }

  private <R extends Record> List<AggregateRow> totals(CellTable<R> t, CellQuery q) {
    Field<BigDecimal> views = sum(when(visible(t, q), t.views()).otherwise(inline(0L))).as("total_views");
    Field<Integer> visible = max(when(visible(t, q), inline(1)).otherwise(inline(0))).as("visible");
    var grouped = dsl.select(t.key(), views, visible).from(t.counts()).where(where(t, q)).groupBy(t.key());
    if (q.order() == RowOrder.UNIQUE_VISITORS_DESC) {
      return byMergedUniques(t, q, views, visible);
    }
    List<SortField<?>> order = new ArrayList<>();
    if (q.order() == RowOrder.VIEWS_DESC) {
      order.add(visible.desc());
      order.add(views.desc());
    }
    order.add(t.key().asc());
    List<Record3<String, BigDecimal, Integer>> page = grouped.orderBy(order).limit(q.limit()).offset(q.offset()).fetch();
    List<String> shownKeys = page.stream().filter(r -> r.value3() == 1).map(Record3::value1).toList();
    Map<String, Long> uniques = shownKeys.isEmpty() ? Map.of() : mergedUniques(t, q, shownKeys);
    List<AggregateRow> rows = new ArrayList<>(page.size());
    for (Record3<String, BigDecimal, Integer> r : page) {
      boolean shown = r.value3() == 1;
      rows.add(new AggregateRow(r.value1(), null, shown, shown ? r.value2().longValue() : 0,
          shown ? uniques.getOrDefault(r.value1(), 0L) : 0));
    }
    return rows;
  }

  /**
   * Totals ordered by merged unique visitors, without merging every key's sketches: the sum of a
   * key's visible cell estimates bounds its merged estimate from above (with slack for the
   * sketches' error), so keys are merged in order of that bound, in chunks, until the
   * (offset + limit)-th best merged estimate exceeds the next key's bound; no key left can then
   * reach the requested slice.
   */
  private <R extends Record> List<AggregateRow> byMergedUniques(CellTable<R> t, CellQuery q, Field<BigDecimal> views,
      Field<Integer> visible) {
    Field<BigDecimal> bound = sum(when(visible(t, q), t.uniqueVisitors()).otherwise(inline(0L))).as("bound");
    List<AggregateRow> shown = new ArrayList<>();
    List<AggregateRow> hidden = new ArrayList<>();
    Map<String, Long> totalViews = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (Record4<String, BigDecimal, Integer, BigDecimal> r : dsl.select(t.key(), views, visible, bound)
        .from(t.counts()).where(where(t, q)).groupBy(t.key()).fetch()) {
      if (r.value3() == 1) {
        totalViews.put(r.value1(), r.value2().longValue());
        candidates.add(new Candidate(r.value1(), r.value4().longValue()));
      } else {
        hidden.add(new AggregateRow(r.value1(), null, false, 0, 0));
      }
    }
    candidates.sort(Comparator.comparingLong(Candidate::bound).reversed().thenComparing(Candidate::key));
    long needed = Math.min((long) q.offset() + q.limit(), candidates.size());
    PriorityQueue<Long> best = new PriorityQueue<>();
    int next = 0;
    while (next < candidates.size()) {
      if (best.size() >= needed && best.peek() > withSlack(candidates.get(next).bound())) {
        break;
      }
      List<String> chunk = new ArrayList<>();
      for (int i = next; i < Math.min(candidates.size(), next + MERGE_CHUNK); i++) {
        chunk.add(candidates.get(i).key());
      }
      next += chunk.size();
      mergedUniques(t, q, chunk).forEach((key, uniques) -> {
        shown.add(new AggregateRow(key, null, true, totalViews.get(key), uniques));
        best.add(uniques);
        if (best.size() > needed) {
          best.poll();
        }
      });
    }
    shown.sort(Comparator.comparing(AggregateRow::uniqueVisitors, Comparator.reverseOrder()).thenComparing(AggregateRow::key));
    List<AggregateRow> ordered = new ArrayList<>(shown.subList(0, (int) Math.min(needed, shown.size())));
    if (needed >= candidates.size()) {
      hidden.sort(Comparator.comparing(AggregateRow::key));
      ordered.addAll(hidden);
    }
    int from = Math.min(q.offset(), ordered.size());
    return List.copyOf(ordered.subList(from, (int) Math.min((long) from + q.limit(), ordered.size())));
  }

  /** A visible key and the upper bound of its merged unique visitors. */
  private record Candidate(String key, long bound) {}

  /** A merged estimate can exceed the sum of its parts' estimates by the sketches' error; allow 10 %. */
  private static long withSlack(long bound) {
    return bound + bound / 10 + 2;
  }

  /** Estimates of the union of each key's visible cells; for {@code keys} only, or all when null. */
  private <R extends Record> Map<String, Long> mergedUniques(CellTable<R> t, CellQuery q, List<String> keys) {
    Condition condition = where(t, q).and(visible(t, q));
    if (keys != null) {
      condition = condition.and(t.key().in(keys));
    }
    Map<String, Union> unions = new HashMap<>();
    try (var sketches = dsl.select(t.key(), t.sketch()).from(t.table()).where(condition).fetchStream()) {
      sketches.forEach((Record2<String, byte[]> r) ->
          Sketches.merge(unions.computeIfAbsent(r.value1(), k -> Sketches.union()), r.value2()));
    }
    Map<String, Long> estimates = new HashMap<>();
    unions.forEach((key, union) -> estimates.put(key, Sketches.estimate(union)));
    return estimates;
  }
}
