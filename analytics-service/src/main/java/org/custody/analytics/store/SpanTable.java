package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.PAGE_SPAN;
import static org.custody.analytics.store.generated.Tables.REFERRER_SPAN;

import java.time.LocalDate;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.store.generated.tables.records.PageSpanRecord;
import org.custody.analytics.store.generated.tables.records.ReferrerSpanRecord;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

/** page_span and referrer_span have one shape; this names its columns for either. */
record SpanTable<R extends Record>(
    Table<R> table,
    TableField<R, String> project,
    TableField<R, Long> visibleFrom,
    TableField<R, Integer> spanDays,
    TableField<R, LocalDate> firstDate,
    TableField<R, String> key,
    TableField<R, Long> views,
    TableField<R, Long> uniqueVisitors,
    TableField<R, Boolean> anyVisible,
    TableField<R, byte[]> sketch) {

  static final SpanTable<PageSpanRecord> PAGES = new SpanTable<>(PAGE_SPAN, PAGE_SPAN.PROJECT_ID, PAGE_SPAN.VISIBLE_FROM,
      PAGE_SPAN.SPAN_DAYS, PAGE_SPAN.FIRST_DATE, PAGE_SPAN.PATH, PAGE_SPAN.VIEWS, PAGE_SPAN.UNIQUE_VISITORS,
      PAGE_SPAN.ANY_VISIBLE, PAGE_SPAN.SKETCH);
  static final SpanTable<ReferrerSpanRecord> REFERRERS = new SpanTable<>(REFERRER_SPAN, REFERRER_SPAN.PROJECT_ID,
      REFERRER_SPAN.VISIBLE_FROM, REFERRER_SPAN.SPAN_DAYS, REFERRER_SPAN.FIRST_DATE, REFERRER_SPAN.HOST, REFERRER_SPAN.VIEWS,
      REFERRER_SPAN.UNIQUE_VISITORS, REFERRER_SPAN.ANY_VISIBLE, REFERRER_SPAN.SKETCH);

  static SpanTable<?> of(Dimension dimension) {
    return dimension == Dimension.PAGE ? PAGES : REFERRERS;
  }
}
