package org.custody.analytics.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.custody.analytics.aggregate.MergedEstimates;
import org.custody.analytics.stats.AggregateReader;
import org.custody.analytics.stats.AggregateRow;
import org.custody.analytics.stats.CellQuery;
import org.custody.analytics.stats.DateRange;
import org.custody.analytics.stats.Granularity;
import org.custody.analytics.stats.RowOrder;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Reads page_day / referrer_day and their sealed spans. Per-day rows are ordered and sliced in
 * SQL from the stored estimates. Total rows are grouped in SQL (views summed over visible
 * cells) over the sealed spans that cover the range plus the remaining single days; their
 * unique visitors come from merging the visible parts' sketches: for the requested page only,
 * or, when ordering by unique visitors, for as few keys as an upper bound allows. Large results
 * are read straight from the JDBC result set: materialising tens of thousands of jOOQ records
 * cost more than the query itself.
 */
final class JooqAggregateReader implements AggregateReader {
  private static final int MERGE_CHUNK = 50;
  private static final Field<String> PART_KEY = field(name("part_key"), String.class);
  private static final Field<Long> PART_VIEWS = field(name("part_views"), Long.class);
  private static final Field<Integer> PART_VISIBLE = field(name("part_visible"), Integer.class);
  private static final Field<Long> PART_BOUND = field(name("part_bound"), Long.class);
  private static final Field<byte[]> PART_SKETCH = field(name("part_sketch"), byte[].class);

  private final DSLContext dsl;

  JooqAggregateReader(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public List<AggregateRow> read(CellQuery query) {
    return query.granularity() == Granularity.DAY
        ? daily(CellTable.of(query.dimension()), query)
        : totals(new Parts<>(CellTable.of(query.dimension()), SpanTable.of(query.dimension()), query));
  }

  @Override
  public List<AggregateRow> scan(CellQuery query) {
    if (query.granularity() == Granularity.DAY) {
      CellTable<?> t = CellTable.of(query.dimension());
      return readDailyRows(dailySelect(t, query), query.visibleFrom()); // scan order: no sort
    }
    return everyTotal(new Parts<>(CellTable.of(query.dimension()), SpanTable.of(query.dimension()), query));
  }

  private static <R extends Record> Condition visible(CellTable<R> t, CellQuery q) {
    return t.uniqueVisitors().ge(q.visibleFrom());
  }

  private static <R extends Record> Condition prefixed(Field<String> key, CellQuery q) {
    return q.keyPrefix().isEmpty() ? DSL.noCondition() : key.startsWith(q.keyPrefix());
  }

  private <R extends Record> SelectConditionStep<Record4<String, LocalDate, Long, Long>> dailySelect(CellTable<R> t, CellQuery q) {
    return dsl.select(t.key(), t.day(), t.views(), t.uniqueVisitors()).from(t.counts())
        .where(t.project().eq(q.projectId()), t.day().between(q.range().start(), q.range().end()), prefixed(t.key(), q));
  }

  private <R extends Record> List<AggregateRow> daily(CellTable<R> t, CellQuery q) {
    var select = dailySelect(t, q);
    if (q.offset() == 0 && q.limit() == Integer.MAX_VALUE) {
      // Every row, in order: sorted here. MariaDB would sort the rows by their up-to-2 KB path
      // keys in on-disk merge passes (~10x slower for 30,000 rows); with a LIMIT it keeps only
      // the top rows in memory, which is fast. (Noisy answers read unordered, with scan.)
      List<AggregateRow> rows = readDailyRows(select, q.visibleFrom());
      return q.order() == RowOrder.KEY_ASC ? byKeyThenDay(rows) : sorted(rows, inMemoryOrder(q.order()));
    }
    return readDailyRows(select.orderBy(dailyOrder(t, q)).limit(q.limit()).offset(q.offset()), q.visibleFrom());
  }

  private List<AggregateRow> readDailyRows(ResultQuery<?> query, long visibleFrom) {
    return ServerPreparedReads.read(dsl, query, rs -> {
      List<AggregateRow> rows = new ArrayList<>();
      while (rs.next()) {
        long uniques = rs.getLong(4);
        rows.add(new AggregateRow(rs.getString(1), rs.getObject(2, LocalDate.class), uniques >= visibleFrom, rs.getLong(3), uniques));
      }
      return rows;
    });
  }

  /**
   * Key order, then day: the scan yields each key's cells in day order, so only the distinct
   * keys need sorting (a thousand strings instead of thirty thousand rows).
   */
  private static List<AggregateRow> byKeyThenDay(List<AggregateRow> rows) {
    Map<String, List<AggregateRow>> byKey = new LinkedHashMap<>();
    for (AggregateRow row : rows) {
      byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
    }
    List<String> keys = new ArrayList<>(byKey.keySet());
    keys.sort(Comparator.naturalOrder());
    List<AggregateRow> ordered = new ArrayList<>(rows.size());
    for (String key : keys) {
      List<AggregateRow> cells = byKey.get(key);
      cells.sort(Comparator.comparing(AggregateRow::day)); // already in order unless the index was not used
      ordered.addAll(cells);
    }
    return ordered;
  }

  private static List<AggregateRow> sorted(List<AggregateRow> rows, Comparator<AggregateRow> order) {
    rows.sort(order);
    return rows;
  }

  private static <R extends Record> List<SortField<?>> dailyOrder(CellTable<R> t, CellQuery q) {
    List<SortField<?>> order = new ArrayList<>();
    if (q.order() != RowOrder.KEY_ASC) {
      Field<Integer> visible = when(visible(t, q), inline(1)).otherwise(inline(0));
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

  /**
   * The pieces a total is summed from: the sealed spans (of the query's threshold) covering as
   * much of the range as they can, and the single days left over, as one derived table of
   * (key, visible views, visible flag, bound of unique visitors, sketch of the visible part).
   */
  private final class Parts<R extends Record, S extends Record> {
    final CellTable<R> cells;
    final SpanTable<S> spans;
    final CellQuery q;
    final DyadicSpans.Cover cover;

    Parts(CellTable<R> cells, SpanTable<S> spans, CellQuery q) {
      this.cells = cells;
      this.spans = spans;
      this.q = q;
      DateRange range = q.range();
      this.cover = JooqSpanWatermarks.read(dsl, q.dimension(), q.projectId(), q.visibleFrom())
          .map(sealed -> DyadicSpans.cover(range.start(), range.end(), sealed))
          .orElseGet(() -> new DyadicSpans.Cover(List.of(), List.of(range)));
    }

    /** Counts of every piece (no sketches): reads the covering index for the days. */
    Table<?> counts() {
      Select<?> days = cover.days().isEmpty() ? null : DSL.select(cells.key().as(PART_KEY),
              when(visible(cells, q), cells.views()).otherwise(inline(0L)).as(PART_VIEWS),
              when(visible(cells, q), inline(1)).otherwise(inline(0)).as(PART_VISIBLE),
              when(visible(cells, q), cells.uniqueVisitors()).otherwise(inline(0L)).as(PART_BOUND))
          .from(cells.counts()).where(dayCondition());
      Select<?> sealed = cover.spans().isEmpty() ? null : DSL.select(spans.key().as(PART_KEY), spans.views().as(PART_VIEWS),
              when(spans.anyVisible().isTrue(), inline(1)).otherwise(inline(0)).as(PART_VISIBLE),
              spans.uniqueVisitors().as(PART_BOUND))
          .from(spans.table()).where(spanCondition());
      return unionAll(days, sealed).asTable("part");
    }

    /** Every piece with its visible views, visible flag and, when visible, sketch: one read for totals of all keys. */
    Select<?> everything() {
      Select<?> days = cover.days().isEmpty() ? null : DSL.select(cells.key().as(PART_KEY),
              when(visible(cells, q), cells.views()).otherwise(inline(0L)).as(PART_VIEWS),
              when(visible(cells, q), inline(1)).otherwise(inline(0)).as(PART_VISIBLE),
              when(visible(cells, q), cells.sketch()).as(PART_SKETCH))
          .from(cells.table()).where(dayCondition());
      Select<?> sealed = cover.spans().isEmpty() ? null : DSL.select(spans.key().as(PART_KEY), spans.views().as(PART_VIEWS),
              when(spans.anyVisible().isTrue(), inline(1)).otherwise(inline(0)).as(PART_VISIBLE),
              when(spans.anyVisible().isTrue(), spans.sketch()).as(PART_SKETCH))
          .from(spans.table()).where(spanCondition());
      return unionAll(days, sealed);
    }

    /** Sketches of the visible pieces, for the given keys (all when null). */
    Select<?> sketches(List<String> keys) {
      Select<?> days = cover.days().isEmpty() ? null : DSL.select(cells.key().as(PART_KEY), cells.sketch().as(PART_SKETCH))
          .from(cells.table()).where(dayCondition(), visible(cells, q), keys == null ? DSL.noCondition() : cells.key().in(keys));
      Select<?> sealed = cover.spans().isEmpty() ? null : DSL.select(spans.key().as(PART_KEY), spans.sketch().as(PART_SKETCH))
          .from(spans.table()).where(spanCondition(), spans.anyVisible().isTrue(), keys == null ? DSL.noCondition() : spans.key().in(keys));
      return unionAll(days, sealed);
    }

    private Condition dayCondition() {
      List<Condition> ranges = cover.days().stream().map(r -> cells.day().between(r.start(), r.end())).toList();
      return cells.project().eq(q.projectId()).and(DSL.or(ranges)).and(prefixed(cells.key(), q));
    }

    private Condition spanCondition() {
      List<Condition> pieces = cover.spans().stream()
          .map(s -> spans.spanDays().eq(s.days()).and(spans.firstDate().eq(s.first()))).toList();
      return spans.project().eq(q.projectId()).and(spans.visibleFrom().eq(q.visibleFrom())).and(DSL.or(pieces))
          .and(prefixed(spans.key(), q));
    }

    private static Select<?> unionAll(Select<?> a, Select<?> b) {
      if (a == null) {
        return b;
      }
      return b == null ? a : a.unionAll((Select) b);
    }
  }

  private List<AggregateRow> totals(Parts<?, ?> parts) {
    CellQuery q = parts.q;
    Field<BigDecimal> views = sum(PART_VIEWS).as("total_views");
    Field<Integer> visible = max(PART_VISIBLE).as("visible");
    if (q.order() == RowOrder.UNIQUE_VISITORS_DESC) {
      return byMergedUniques(parts, views, visible);
    }
    List<SortField<?>> order = new ArrayList<>();
    if (q.order() == RowOrder.VIEWS_DESC) {
      order.add(visible.desc());
      order.add(views.desc());
    }
    order.add(PART_KEY.asc());
    Table<?> counts = parts.counts();
    List<AggregateRow> rows = new ArrayList<>();
    List<String> shownKeys = new ArrayList<>();
    try (ResultSet rs = dsl.select(PART_KEY, views, visible).from(counts).groupBy(PART_KEY).orderBy(order)
        .limit(q.limit()).offset(q.offset()).fetchResultSet()) {
      while (rs.next()) {
        boolean shown = rs.getInt(3) == 1;
        rows.add(new AggregateRow(rs.getString(1), null, shown, shown ? rs.getLong(2) : 0, 0));
        if (shown) {
          shownKeys.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException("reading totals", e);
    }
    if (shownKeys.isEmpty()) {
      return rows;
    }
    Map<String, Long> uniques = mergedUniques(parts, shownKeys);
    return rows.stream().map(r -> r.visible() ? new AggregateRow(r.key(), null, true, r.views(), uniques.getOrDefault(r.key(), 0L)) : r)
        .toList();
  }

  /**
   * Every key's total in no particular order, from one read of every piece grouped here: for
   * all keys, grouping in SQL and then fetching the sketches cost the database twice.
   */
  private List<AggregateRow> everyTotal(Parts<?, ?> parts) {
    Map<String, KeyTotal> totals = ServerPreparedReads.read(dsl, parts.everything(), rs -> {
      Map<String, KeyTotal> byKey = new HashMap<>();
      while (rs.next()) {
        KeyTotal total = byKey.computeIfAbsent(rs.getString(1), k -> new KeyTotal());
        total.views += rs.getLong(2); // a piece's visible views: 0 when it has none
        if (rs.getInt(3) == 1) {
          total.sketches.add(rs.getBytes(4));
        }
      }
      return byKey;
    });
    List<AggregateRow> rows = new ArrayList<>(totals.size());
    totals.forEach((key, total) -> rows.add(total.sketches.isEmpty()
        ? new AggregateRow(key, null, false, 0, 0)
        : new AggregateRow(key, null, true, total.views, MergedEstimates.of(total.sketches))));
    return rows;
  }

  /** A key's visible views and the sketches of its visible pieces, as they are read. */
  private static final class KeyTotal {
    long views;
    final List<byte[]> sketches = new ArrayList<>(4);
  }

  /**
   * Totals ordered by merged unique visitors, without merging every key's sketches: the sum of a
   * key's visible pieces' estimates bounds its merged estimate from above (with slack for the
   * sketches' error), so keys are merged in order of that bound, in chunks, until the
   * (offset + limit)-th best merged estimate exceeds the next key's bound; no key left can then
   * reach the requested slice.
   */
  private List<AggregateRow> byMergedUniques(Parts<?, ?> parts, Field<BigDecimal> views, Field<Integer> visible) {
    CellQuery q = parts.q;
    Field<BigDecimal> bound = sum(PART_BOUND).as("bound");
    List<AggregateRow> shown = new ArrayList<>();
    List<AggregateRow> hidden = new ArrayList<>();
    Map<String, Long> totalViews = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (Record4<String, BigDecimal, Integer, BigDecimal> r : dsl.select(PART_KEY, views, visible, bound)
        .from(parts.counts()).groupBy(PART_KEY).fetch()) {
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
      mergedUniques(parts, chunk).forEach((key, uniques) -> {
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

  /** Estimates of the union of each key's visible pieces; for {@code keys} only, or all when null. */
  private Map<String, Long> mergedUniques(Parts<?, ?> parts, List<String> keys) {
    Map<String, List<byte[]>> pieces = new HashMap<>();
    try (ResultSet rs = dsl.fetchLazy(parts.sketches(keys)).resultSet()) {
      while (rs.next()) {
        pieces.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(4)).add(rs.getBytes(2));
      }
    } catch (SQLException e) {
      throw new DataAccessException("reading sketches", e);
    }
    Map<String, Long> estimates = new HashMap<>();
    pieces.forEach((key, sketches) -> estimates.put(key, MergedEstimates.of(sketches)));
    return estimates;
  }
}
