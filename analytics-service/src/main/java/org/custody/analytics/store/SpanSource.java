package org.custody.analytics.store;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import org.custody.analytics.aggregate.Sketches;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.impl.DSL;

/**
 * One half of a span being built, read in key order a page at a time (keyset paging on the
 * primary key), so building a span of a project with many keys never holds them all.
 */
final class SpanSource {
  private static final int ROWS_PER_PAGE = 1000;
  private static final byte[] EMPTY_SKETCH = Sketches.toBytes(Sketches.empty());

  /** A key's contribution: views and sketch of its visible cells only. */
  record Row(String key, long views, long uniqueVisitors, boolean anyVisible, byte[] sketch) {}

  private final Function<String, Iterable<Row>> pageAfter;
  private final Deque<Row> page = new ArrayDeque<>();
  private String lastKey = "";
  private boolean exhausted;

  private SpanSource(Function<String, Iterable<Row>> pageAfter) {
    this.pageAfter = pageAfter;
  }

  /** A day's cells, as a span of one day for the threshold: cells below it add nothing but their key. */
  static <R extends Record> SpanSource dayCells(DSLContext tx, CellTable<R> t, String project, LocalDate day, long visibleFrom) {
    return new SpanSource(after -> tx.select(t.key(), t.views(), t.uniqueVisitors(), DSL.inline(true), t.sketch())
        .from(t.table())
        .where(t.project().eq(project), t.day().eq(day), t.key().gt(after))
        .orderBy(t.key()).limit(ROWS_PER_PAGE)
        .fetch(r -> r.value3() >= visibleFrom
            ? new Row(r.value1(), r.value2(), r.value3(), true, r.value5())
            : new Row(r.value1(), 0, 0, false, EMPTY_SKETCH)));
  }

  /** A built span. */
  static <S extends Record> SpanSource spans(DSLContext tx, SpanTable<S> t, String project, long visibleFrom, DyadicSpans.Span span) {
    Condition where = t.project().eq(project).and(t.visibleFrom().eq(visibleFrom)).and(t.spanDays().eq(span.days()))
        .and(t.firstDate().eq(span.first()));
    return new SpanSource(after -> tx.select(t.key(), t.views(), t.uniqueVisitors(), t.anyVisible(), t.sketch())
        .from(t.table())
        .where(where, t.key().gt(after))
        .orderBy(t.key()).limit(ROWS_PER_PAGE)
        .fetch((Record5<String, Long, Long, Boolean, byte[]> r) -> new Row(r.value1(), r.value2(), r.value3(), r.value4(), r.value5())));
  }

  boolean hasNext() {
    if (page.isEmpty() && !exhausted) {
      int read = 0;
      for (Row row : pageAfter.apply(lastKey)) {
        page.add(row);
        read++;
      }
      exhausted = read < ROWS_PER_PAGE;
      if (!page.isEmpty()) {
        lastKey = page.peekLast().key();
      }
    }
    return !page.isEmpty();
  }

  String peekKey() {
    return page.getFirst().key();
  }

  Row next() {
    hasNext();
    return page.removeFirst();
  }
}
