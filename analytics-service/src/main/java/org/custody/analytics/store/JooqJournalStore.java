package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.INGEST_JOURNAL;
import static org.custody.analytics.store.generated.Tables.INGEST_REQUEST;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.custody.analytics.aggregate.BatchAggregate;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.ingest.RequestKey;
import org.custody.analytics.store.generated.tables.records.IngestRequestRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.idempotency.RequestReplay;
import org.jooq.DSLContext;

/**
 * Appends a reduced batch as one journal row, and its request id in the same transaction, so a
 * batch is either durably recorded exactly once or not at all. The request id's row is the
 * request's record under the platform's request-id contract ({@link RequestReplay}): claimed with
 * the batch, read back (and its fingerprint checked) only when the claim finds it taken.
 */
final class JooqJournalStore implements JournalStore {
  private static final String INSERT_JOURNAL_ROW =
      "INSERT INTO ingest_journal (project_id, view_count, payload, create_time) VALUES (?, ?, ?, ?)";

  private final ThreadBoundTransactions db;
  private final DSLContext dsl;

  JooqJournalStore(ThreadBoundTransactions db) {
    this.db = db;
    this.dsl = db.dsl();
  }

  @Override
  public Appended append(String projectId, BatchAggregate batch, Optional<RequestKey> key, Instant now) {
    byte[] payload = BatchCodec.encode(batch);
    // The same request_id through two Galera nodes at once: both claims succeed locally and the
    // one certified second is rolled back at commit; run again (ThreadBoundTransactions), it finds
    // the first's claim.
    return db.inTransaction(() -> {
      DSLContext tx = db.dsl();
      if (key.isPresent()) {
        int claimed = tx.insertInto(INGEST_REQUEST)
            .set(INGEST_REQUEST.PROJECT_ID, projectId)
            .set(INGEST_REQUEST.REQUEST_ID, key.get().requestId())
            .set(INGEST_REQUEST.REQUEST_HASH, key.get().fingerprint())
            .set(INGEST_REQUEST.RECORDED_COUNT, batch.views())
            .set(INGEST_REQUEST.CREATE_TIME, now)
            .onDuplicateKeyIgnore()
            .execute();
        if (claimed == 0) {
          return replay(tx, projectId, key.get());
        }
      }
      insertJournalRow(tx, projectId, batch.views(), payload, now);
      return new Appended(batch.views(), false);
    });
  }

  /**
   * One journal row. The services' connections use client-side prepared statements, with which
   * the driver escapes a blob byte by byte into the SQL text; for the ~60 KB payload of every
   * batch that was a seventh of the ingestion CPU. A server-side prepared statement (cached per
   * connection) sends the bytes as they are.
   */
  private static void insertJournalRow(DSLContext tx, String projectId, int views, byte[] payload, Instant now) {
    tx.connection(connection -> {
      if (!connection.isWrapperFor(JdbcConnection.class)) {
        tx.insertInto(INGEST_JOURNAL)
            .set(INGEST_JOURNAL.PROJECT_ID, projectId)
            .set(INGEST_JOURNAL.VIEW_COUNT, views)
            .set(INGEST_JOURNAL.PAYLOAD, payload)
            .set(INGEST_JOURNAL.CREATE_TIME, now)
            .execute();
        return;
      }
      try (PreparedStatement insert = connection.unwrap(JdbcConnection.class).serverPrepareStatement(INSERT_JOURNAL_ROW)) {
        insert.setString(1, projectId);
        insert.setInt(2, views);
        insert.setBytes(3, payload);
        insert.setObject(4, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        insert.executeUpdate();
      }
    });
  }

  /**
   * The batch was recorded before under this id: the same content is a retry, answered with the
   * first count; other content is a reused id, refused as every service refuses it.
   */
  private static Appended replay(DSLContext tx, String projectId, RequestKey key) {
    IngestRequestRecord first = tx.selectFrom(INGEST_REQUEST)
        .where(INGEST_REQUEST.PROJECT_ID.eq(projectId), INGEST_REQUEST.REQUEST_ID.eq(key.requestId()))
        .fetchSingle();
    RequestReplay.Recorded<Integer> recorded = new RequestReplay.Recorded<>(first.getRequestHash(), first.getRecordedCount());
    return new Appended(recorded.answerFor(key.fingerprint()), true);
  }

  @Override
  public int purgeRequestKeys(Instant before) {
    return dsl.deleteFrom(INGEST_REQUEST).where(INGEST_REQUEST.CREATE_TIME.lt(before)).execute();
  }
}
