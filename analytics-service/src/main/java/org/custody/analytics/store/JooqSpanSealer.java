package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.COMPACTION_LOCK;
import static org.custody.analytics.store.generated.Tables.INGEST_JOURNAL;
import static org.custody.analytics.store.generated.Tables.PAGE_SPAN;
import static org.custody.analytics.store.generated.Tables.REFERRER_SPAN;
import static org.custody.analytics.store.generated.Tables.SPAN_WATERMARK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.datasketches.hll.Union;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.aggregate.Sketches;
import org.custody.analytics.aggregate.SpanSealer;
import org.custody.analytics.ingest.IngestionWindow;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds sealed spans in page_span / referrer_span for the noisy mode's threshold (0) and the
 * configured k, per project. A day is closed once no view of it can be accepted any more (the
 * longest view age has passed since it ended, plus a margin for in-flight batches and clock
 * differences between replicas) and no journal row that could hold it is left unfolded. Each
 * run builds the spans completed since the project's watermark, a level at a time from their
 * halves (single days from the day cells), streaming both halves in key order so memory stays
 * bounded, and moves the watermark in the same transaction; it holds the compaction lock, so no
 * fold interleaves.
 */
final class JooqSpanSealer implements SpanSealer {
  private static final Logger log = LoggerFactory.getLogger(JooqSpanSealer.class);
  /** In-flight batches and replica clock differences: far beyond any request deadline. */
  static final Duration CLOSING_MARGIN = Duration.ofHours(1);
  private static final Duration CLOSED_AFTER = IngestionWindow.LONGEST_MAX_AGE.plus(CLOSING_MARGIN);
  /**
   * Days sealed per transaction: a first run over a long history commits as it goes, and the
   * compaction lock (which queries wait for when batches are pending) is held only briefly.
   */
  private static final int DAYS_PER_TRANSACTION = 8;
  private static final int ROWS_PER_INSERT = 500;

  private final ThreadBoundTransactions db;
  private final DSLContext dsl;
  private final JooqCompactor compactor;
  private final Clock clock;
  private final long kThreshold;
  private boolean otherThresholdsDropped;

  JooqSpanSealer(ThreadBoundTransactions db, JooqCompactor compactor, Clock clock, long kThreshold) {
    this.db = db;
    this.dsl = db.dsl();
    this.compactor = compactor;
    this.clock = clock;
    this.kThreshold = kThreshold;
  }

  /** The last day that is closed at {@code now}. */
  static LocalDate closedThrough(Instant now) {
    return LocalDate.ofInstant(now.minus(CLOSED_AFTER), ZoneOffset.UTC).minusDays(1);
  }

  @Override
  public synchronized int sealClosedDays() {
    if (!otherThresholdsDropped) {
      dropOtherThresholds();
      otherThresholdsDropped = true;
    }
    compactor.compactPending();
    LocalDate closed = closedThrough(clock.instant());
    int built = 0;
    for (Dimension dimension : Dimension.values()) {
      CellTable<?> cells = CellTable.of(dimension);
      for (String project : dsl.selectDistinct(cells.project()).from(cells.table()).fetch(cells.project())) {
        for (long visibleFrom : thresholds()) {
          built += seal(dimension, project, visibleFrom, closed);
        }
      }
    }
    if (built > 0) {
      log.info("sealed spans built={} closedThrough={}", built, closed);
    }
    return built;
  }

  private List<Long> thresholds() {
    return kThreshold == 0 ? List.of(0L) : List.of(0L, kThreshold);
  }

  /** Spans of a threshold no longer configured would only take space; readers never ask for them. */
  private void dropOtherThresholds() {
    List<Long> kept = thresholds();
    dsl.deleteFrom(PAGE_SPAN).where(PAGE_SPAN.VISIBLE_FROM.notIn(kept)).execute();
    dsl.deleteFrom(REFERRER_SPAN).where(REFERRER_SPAN.VISIBLE_FROM.notIn(kept)).execute();
    dsl.deleteFrom(SPAN_WATERMARK).where(SPAN_WATERMARK.VISIBLE_FROM.notIn(kept)).execute();
  }

  private int seal(Dimension dimension, String project, long visibleFrom, LocalDate closed) {
    int built = 0;
    while (true) {
      Step step = db.inTransaction(() -> sealSome(db.dsl(), dimension, project, visibleFrom, closed));
      built += step.built();
      if (!step.more()) {
        return built;
      }
    }
  }

  private record Step(int built, boolean more) {}

  private Step sealSome(DSLContext tx, Dimension dimension, String project, long visibleFrom, LocalDate closed) {
    tx.select(COMPACTION_LOCK.LOCK_ID).from(COMPACTION_LOCK).where(COMPACTION_LOCK.LOCK_ID.eq(1)).forUpdate().fetch();
    Optional<LocalDate> watermark = JooqSpanWatermarks.read(tx, dimension, project, visibleFrom);
    CellTable<?> cells = CellTable.of(dimension);
    LocalDate after;
    if (watermark.isPresent()) {
      after = watermark.get();
    } else {
      LocalDate firstDay = tx.select(DSL.min(cells.day())).from(cells.table()).where(cells.project().eq(project)).fetchOne().value1();
      if (firstDay == null) {
        return new Step(0, false);
      }
      after = firstDay.minusDays(1);
    }
    if (!after.isBefore(closed)) {
      return new Step(0, false);
    }
    LocalDate through = after.plusDays(DAYS_PER_TRANSACTION).isBefore(closed) ? after.plusDays(DAYS_PER_TRANSACTION) : closed;
    // A batch acknowledged before the day closed may still wait in the journal (compaction failing):
    // seal nothing until it is folded.
    Instant couldHoldThrough = through.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(CLOSED_AFTER);
    if (tx.fetchExists(INGEST_JOURNAL, INGEST_JOURNAL.CREATE_TIME.lt(couldHoldThrough))) {
      log.warn("sealing waits for unfolded journal batches dimension={}", dimension);
      return new Step(0, false);
    }
    SpanTable<?> spans = SpanTable.of(dimension);
    List<DyadicSpans.Span> completed = DyadicSpans.completedBetween(after, through);
    for (DyadicSpans.Span span : completed) {
      build(tx, spans, cells, project, visibleFrom, span);
    }
    JooqSpanWatermarks.write(tx, dimension, project, visibleFrom, through);
    return new Step(completed.size(), through.isBefore(closed));
  }

  /** Merges the span's two halves key by key and inserts the result. */
  private <S extends Record> void build(DSLContext tx, SpanTable<S> spans, CellTable<?> cells, String project, long visibleFrom,
      DyadicSpans.Span span) {
    SpanSource first;
    SpanSource second;
    if (span.days() == 2) {
      first = SpanSource.dayCells(tx, cells, project, span.first(), visibleFrom);
      second = SpanSource.dayCells(tx, cells, project, span.first().plusDays(1), visibleFrom);
    } else {
      first = SpanSource.spans(tx, spans, project, visibleFrom, span.firstHalf());
      second = SpanSource.spans(tx, spans, project, visibleFrom, span.secondHalf());
    }
    List<SpanSource.Row> merged = new ArrayList<>(ROWS_PER_INSERT);
    while (first.hasNext() || second.hasNext()) {
      int order = !first.hasNext() ? 1 : !second.hasNext() ? -1 : first.peekKey().compareTo(second.peekKey());
      if (order < 0) {
        merged.add(first.next());
      } else if (order > 0) {
        merged.add(second.next());
      } else {
        merged.add(combine(first.next(), second.next()));
      }
      if (merged.size() == ROWS_PER_INSERT) {
        insert(tx, spans, project, visibleFrom, span, merged);
        merged.clear();
      }
    }
    if (!merged.isEmpty()) {
      insert(tx, spans, project, visibleFrom, span, merged);
    }
  }

  /** One key's two halves: views add, sketches of visible parts unite (a single visible part is kept as it is). */
  private static SpanSource.Row combine(SpanSource.Row a, SpanSource.Row b) {
    if (!a.anyVisible()) {
      return new SpanSource.Row(b.key(), a.views() + b.views(), b.uniqueVisitors(), b.anyVisible(), b.sketch());
    }
    if (!b.anyVisible()) {
      return new SpanSource.Row(a.key(), a.views() + b.views(), a.uniqueVisitors(), true, a.sketch());
    }
    Union union = Sketches.union();
    Sketches.merge(union, a.sketch());
    Sketches.merge(union, b.sketch());
    return new SpanSource.Row(a.key(), a.views() + b.views(), Sketches.estimate(union), true, Sketches.toMergeableBytes(union));
  }

  private static <S extends Record> void insert(DSLContext tx, SpanTable<S> t, String project, long visibleFrom,
      DyadicSpans.Span span, List<SpanSource.Row> rows) {
    var insert = tx.insertInto(t.table(), t.project(), t.visibleFrom(), t.spanDays(), t.firstDate(), t.key(), t.views(),
        t.uniqueVisitors(), t.anyVisible(), t.sketch());
    for (SpanSource.Row row : rows) {
      insert = insert.values(project, visibleFrom, span.days(), span.first(), row.key(), row.views(), row.uniqueVisitors(),
          row.anyVisible(), row.sketch());
    }
    insert.execute();
  }
}
