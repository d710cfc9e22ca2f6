package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.SPAN_WATERMARK;

import java.time.LocalDate;
import java.util.Optional;
import org.custody.analytics.aggregate.Dimension;
import org.jooq.DSLContext;

/** span_watermark: the last day through which a project's spans of one dimension and threshold are built. */
final class JooqSpanWatermarks {
  private JooqSpanWatermarks() {}

  static Optional<LocalDate> read(DSLContext dsl, Dimension dimension, String project, long visibleFrom) {
    return dsl.select(SPAN_WATERMARK.SEALED_THROUGH).from(SPAN_WATERMARK)
        .where(SPAN_WATERMARK.PROJECT_ID.eq(project), SPAN_WATERMARK.DIMENSION.eq(dimension.name()),
            SPAN_WATERMARK.VISIBLE_FROM.eq(visibleFrom))
        .fetchOptional(SPAN_WATERMARK.SEALED_THROUGH);
  }

  static void write(DSLContext tx, Dimension dimension, String project, long visibleFrom, LocalDate sealedThrough) {
    tx.insertInto(SPAN_WATERMARK, SPAN_WATERMARK.PROJECT_ID, SPAN_WATERMARK.DIMENSION, SPAN_WATERMARK.VISIBLE_FROM,
            SPAN_WATERMARK.SEALED_THROUGH)
        .values(project, dimension.name(), visibleFrom, sealedThrough)
        .onDuplicateKeyUpdate()
        .set(SPAN_WATERMARK.SEALED_THROUGH, sealedThrough)
        .execute();
  }
}
