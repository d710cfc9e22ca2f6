package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.COMPACTION_LOCK;
import static org.custody.analytics.store.generated.Tables.INGEST_JOURNAL;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.Union;
import org.custody.analytics.aggregate.AggregateCompactor;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.aggregate.Sketches;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds journal rows into page_day and referrer_day. One pass, in one transaction: take the
 * compaction lock row, read up to {@value #BATCHES_PER_PASS} journal rows (and at most about 64 MB
 * of them), merge their cells in
 * memory, read the existing aggregate rows of those cells, write the merged rows back with one
 * multi-row upsert per chunk, and delete the journal rows. A crash anywhere rolls the pass back;
 * the journal rows are still there for the next one, so nothing is lost or counted twice.
 */
final class JooqCompactor implements AggregateCompactor {
  private static final Logger log = LoggerFactory.getLogger(JooqCompactor.class);
  static final int BATCHES_PER_PASS = 200;
  private static final int KEYS_PER_STATEMENT = 1000;
  private static final long PAYLOAD_BYTES_PER_PASS = 64L * 1024 * 1024;

  private final ThreadBoundTransactions db;
  private final DSLContext dsl;

  JooqCompactor(ThreadBoundTransactions db) {
    this.db = db;
    this.dsl = db.dsl();
  }

  @Override
  public synchronized int compactPending() {
    // Queries call this first: when the journal is empty, one unlocked probe is all it costs.
    if (!dsl.fetchExists(INGEST_JOURNAL)) {
      return 0;
    }
    int total = 0;
    while (true) {
      Pass pass;
      try {
        pass = db.inTransaction(() -> foldOnePass(db.dsl()));
      } catch (FoldedElsewhere e) {
        continue;  // rolled back; the next pass reads what is left
      }
      total += pass.folded();
      if (!pass.more()) {
        if (total > 0) {
          log.debug("compacted batches={}", total);
        }
        return total;
      }
    }
  }

  /** What one pass did: how many batches it folded, and whether more may be waiting. */
  private record Pass(int folded, boolean more) {}

  /** A cell's merged state during a pass. */
  private static final class Merged {
    long views;
    final Union visitors = Sketches.union();
  }

  private record Group(Dimension dimension, String projectId, LocalDate day) {}

  private Pass foldOnePass(DSLContext tx) {
    tx.select(COMPACTION_LOCK.LOCK_ID).from(COMPACTION_LOCK).where(COMPACTION_LOCK.LOCK_ID.eq(1)).forUpdate().fetch();
    // Sizes first, so that one pass never holds more than about PAYLOAD_BYTES_PER_PASS of payloads
    // (a 5,000-view batch of long distinct paths is a few megabytes).
    List<Long> chosen = new ArrayList<>();
    long bytes = 0;
    Result<Record2<Long, Integer>> waiting = tx.select(INGEST_JOURNAL.JOURNAL_ID, DSL.field("octet_length({0})", Integer.class, INGEST_JOURNAL.PAYLOAD))
        .from(INGEST_JOURNAL).orderBy(INGEST_JOURNAL.JOURNAL_ID).limit(BATCHES_PER_PASS).fetch();
    for (Record2<Long, Integer> row : waiting) {
      if (!chosen.isEmpty() && bytes + row.value2() > PAYLOAD_BYTES_PER_PASS) {
        break;
      }
      chosen.add(row.value1());
      bytes += row.value2();
    }
    if (chosen.isEmpty()) {
      return new Pass(0, false);
    }
    Result<Record3<Long, String, byte[]>> batches = tx
        .select(INGEST_JOURNAL.JOURNAL_ID, INGEST_JOURNAL.PROJECT_ID, INGEST_JOURNAL.PAYLOAD)
        .from(INGEST_JOURNAL)
        .where(INGEST_JOURNAL.JOURNAL_ID.in(chosen))
        .orderBy(INGEST_JOURNAL.JOURNAL_ID)
        .fetch();
    Map<Group, Map<String, Merged>> groups = new LinkedHashMap<>();
    List<Long> ids = new ArrayList<>(batches.size());
    for (Record3<Long, String, byte[]> batch : batches) {
      ids.add(batch.value1());
      for (BatchCodec.Cell cell : BatchCodec.decode(batch.value3())) {
        Merged merged = groups.computeIfAbsent(new Group(cell.dimension(), batch.value2(), cell.day()), g -> new HashMap<>())
            .computeIfAbsent(cell.key(), k -> new Merged());
        merged.views += cell.views();
        Sketches.merge(merged.visitors, cell.sketch());
      }
    }
    for (Map.Entry<Group, Map<String, Merged>> group : groups.entrySet()) {
      List<String> keys = new ArrayList<>(group.getValue().keySet());
      for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
        List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
        upsert(tx, CellTable.of(group.getKey().dimension()), group.getKey(), chunk, group.getValue());
      }
    }
    if (tx.deleteFrom(INGEST_JOURNAL).where(INGEST_JOURNAL.JOURNAL_ID.in(ids)).execute() != ids.size()) {
      // Another instance folded some of these batches meanwhile and their rows are gone: adding
      // them again would count them twice. On one server the lock row above rules that out; on a
      // Galera cluster it does not (row locks are local to a node, and a read-committed read of
      // the cells can already include the other node's fold), so the pass rolls back instead.
      throw new FoldedElsewhere();
    }
    return new Pass(batches.size(), waiting.size() == BATCHES_PER_PASS || chosen.size() < waiting.size());
  }

  private static <R extends Record> void upsert(DSLContext tx, CellTable<R> t, Group group, List<String> keys,
      Map<String, Merged> cells) {
    for (Record3<String, Long, byte[]> existing : tx.select(t.key(), t.views(), t.sketch()).from(t.table())
        .where(t.project().eq(group.projectId()), t.day().eq(group.day()), t.key().in(keys))
        .fetch()) {
      Merged merged = cells.get(existing.value1());
      merged.views += existing.value2();
      Sketches.merge(merged.visitors, existing.value3());
    }
    var insert = tx.insertInto(t.table(), t.project(), t.day(), t.key(), t.views(), t.uniqueVisitors(), t.sketch());
    for (String key : keys) {
      Merged merged = cells.get(key);
      insert = insert.values(group.projectId(), group.day(), key, merged.views, Sketches.estimate(merged.visitors),
          Sketches.toBytes(merged.visitors));
    }
    insert.onDuplicateKeyUpdate()
        .set(t.views(), DSL.excluded(t.views()))
        .set(t.uniqueVisitors(), DSL.excluded(t.uniqueVisitors()))
        .set(t.sketch(), DSL.excluded(t.sketch()))
        .execute();
  }

  /** A pass found some of its batches folded by another instance; it is rolled back. */
  private static final class FoldedElsewhere extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FoldedElsewhere() {
      super("batches folded by another instance", null, false, false);
    }
  }
}
