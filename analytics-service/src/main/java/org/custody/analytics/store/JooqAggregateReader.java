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
import org.jooq.Record5;
import org.jooq.SortField;

/**
 * Reads page_day / referrer_day. Per-day rows are ordered and sliced in SQL from the stored
 * estimates. Total rows are grouped in SQL (views summed over visible cells); their unique
 * visitors come from merging the visible cells' sketches, for the requested page only unless
 * the order itself needs every total's estimate.
 */
final class JooqAggregateReader implements AggregateReader {
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
    List<SortField<?>> order = new ArrayList<>();
    if (q.order() != RowOrder.KEY_ASC) {
      Field<Long> measure = q.order() == RowOrder.VIEWS_DESC ? t.views() : t.uniqueVisitors();
      order.add(visible.desc());
      order.add(when(visible(t, q), measure).otherwise(inline(0L)).desc());
    }
    order.add(t.key().asc());
    order.add(t.day().asc());
    List<AggregateRow> rows = new ArrayList<>();
    for (Record5<String, LocalDate, Long, Long, Integer> r : dsl
        .select(t.key(), t.day(), t.views(), t.uniqueVisitors(), visible)
        .from(t.table())
        .where(where(t, q))
        .orderBy(order)
        .limit(q.limit())
        .offset(q.offset())
        .fetch()) {
      rows.add(new AggregateRow(r.value1(), r.value2(), r.value5() == 1, r.value3(), r.value4()));
    }
    return rows;
  }

  private <R extends Record> List<AggregateRow> totals(CellTable<R> t, CellQuery q) {
    Field<BigDecimal> views = sum(when(visible(t, q), t.views()).otherwise(inline(0L))).as("total_views");
    Field<Integer> visible = max(when(visible(t, q), inline(1)).otherwise(inline(0))).as("visible");
    var grouped = dsl.select(t.key(), views, visible).from(t.table()).where(where(t, q)).groupBy(t.key());
    if (q.order() == RowOrder.UNIQUE_VISITORS_DESC) {
      // The order needs every total's merged estimate: merge them all, then sort and slice here.
      Map<String, Long> uniques = mergedUniques(t, q, null);
      List<AggregateRow> all = new ArrayList<>();
      for (Record3<String, BigDecimal, Integer> r : grouped.fetch()) {
        boolean shown = r.value3() == 1;
        all.add(new AggregateRow(r.value1(), null, shown, shown ? r.value2().longValue() : 0,
            shown ? uniques.getOrDefault(r.value1(), 0L) : 0));
      }
      all.sort(Comparator.comparing((AggregateRow r) -> !r.visible())
          .thenComparing(Comparator.comparingLong(AggregateRow::uniqueVisitors).reversed())
          .thenComparing(AggregateRow::key));
      int from = Math.min(q.offset(), all.size());
      return List.copyOf(all.subList(from, (int) Math.min((long) from + q.limit(), all.size())));
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
