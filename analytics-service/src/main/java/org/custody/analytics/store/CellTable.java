package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.PAGE_DAY;
import static org.custody.analytics.store.generated.Tables.REFERRER_DAY;

import java.time.LocalDate;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.store.generated.tables.records.PageDayRecord;
import org.custody.analytics.store.generated.tables.records.ReferrerDayRecord;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * page_day and referrer_day have one shape; this names its columns for either, and the covering
 * index (counts without sketches) that scans use when they need no sketch.
 */
record CellTable<R extends Record>(
    Table<R> table,
    String countsIndex,
    TableField<R, String> project,
    TableField<R, LocalDate> day,
    TableField<R, String> key,
    TableField<R, Long> views,
    TableField<R, Long> uniqueVisitors,
    TableField<R, byte[]> sketch) {

  static final CellTable<PageDayRecord> PAGES = new CellTable<>(PAGE_DAY, "page_day_counts", PAGE_DAY.PROJECT_ID, PAGE_DAY.VIEW_DATE,
      PAGE_DAY.PATH, PAGE_DAY.VIEWS, PAGE_DAY.UNIQUE_VISITORS, PAGE_DAY.SKETCH);
  static final CellTable<ReferrerDayRecord> REFERRERS = new CellTable<>(REFERRER_DAY, "referrer_day_counts", REFERRER_DAY.PROJECT_ID,
      REFERRER_DAY.VIEW_DATE, REFERRER_DAY.HOST, REFERRER_DAY.VIEWS, REFERRER_DAY.UNIQUE_VISITORS, REFERRER_DAY.SKETCH);

  static CellTable<?> of(Dimension dimension) {
    return dimension == Dimension.PAGE ? PAGES : REFERRERS;
  }

  /** The table read through its covering counts index (the optimizer tends to prefer the wide primary key). */
  Table<R> counts() {
    return table.forceIndex(countsIndex);
  }
}
