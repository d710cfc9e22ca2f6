package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.SESSIONS;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.identity.session.Session;
import org.custody.identity.session.SessionStore;
import org.custody.identity.store.generated.tables.records.SessionsRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.domain.Slice;
import org.jooq.Condition;
import org.jooq.impl.DSL;

final class JooqSessionStore implements SessionStore {
  private final ThreadBoundTransactions db;

  JooqSessionStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public void insert(Session session) {
    db.dsl().insertInto(SESSIONS)
        .set(SESSIONS.ID, session.id())
        .set(SESSIONS.PROJECT_ID, session.projectId())
        .set(SESSIONS.ACCOUNT_ID, session.accountId())
        .set(SESSIONS.TOKEN_HASH, session.tokenHash())
        .set(SESSIONS.CREATE_TIME, session.createTime())
        .set(SESSIONS.LAST_ACTIVE_TIME, session.lastActiveTime())
        .set(SESSIONS.ABSOLUTE_EXPIRE_TIME, session.absoluteExpireTime())
        .set(SESSIONS.END_TIME, session.endTime().orElse(null))
        .set(SESSIONS.END_REASON, session.endReason().map(Enum::name).orElse(null))
        .set(SESSIONS.AAL, (byte) session.aal())
        .execute();
  }

  @Override
  public Optional<Session> findByTokenHash(byte[] tokenHash) {
    return db.dsl().selectFrom(SESSIONS).where(SESSIONS.TOKEN_HASH.eq(tokenHash)).fetchOptional().map(JooqSessionStore::toSession);
  }

  @Override
  public Optional<Session> find(String projectId, String accountId, String sessionId) {
    return db.dsl().selectFrom(SESSIONS)
        .where(SESSIONS.ID.eq(sessionId), SESSIONS.PROJECT_ID.eq(projectId), SESSIONS.ACCOUNT_ID.eq(accountId))
        .fetchOptional().map(JooqSessionStore::toSession);
  }

  @Override
  public void recordActivity(Map<String, Instant> lastActiveBySessionId) {
    if (lastActiveBySessionId.isEmpty()) {
      return;
    }
    db.inTransaction(() -> {
      var dsl = db.dsl();
      List<org.jooq.Query> updates = lastActiveBySessionId.entrySet().stream()
          .map(e -> (org.jooq.Query) dsl.update(SESSIONS)
              .set(SESSIONS.LAST_ACTIVE_TIME, DSL.greatest(SESSIONS.LAST_ACTIVE_TIME, DSL.val(e.getValue(), SESSIONS.LAST_ACTIVE_TIME)))
              .where(SESSIONS.ID.eq(e.getKey()), SESSIONS.END_TIME.isNull()))
          .toList();
      return dsl.batch(updates).execute();
    });
  }

  private static Condition live(Instant now, Instant idleSince) {
    return SESSIONS.END_TIME.isNull()
        .and(SESSIONS.ABSOLUTE_EXPIRE_TIME.gt(now))
        .and(SESSIONS.LAST_ACTIVE_TIME.gt(idleSince));
  }

  @Override
  public Slice<Session> listLive(String projectId, String accountId, Instant now, Instant idleSince, String cursor, int size) {
    var rows = db.dsl().selectFrom(SESSIONS)
        .where(SESSIONS.PROJECT_ID.eq(projectId), SESSIONS.ACCOUNT_ID.eq(accountId), live(now, idleSince),
            SESSIONS.SEQ.lt(Cursors.seq(cursor, Long.MAX_VALUE)))
        .orderBy(SESSIONS.SEQ.desc()).limit(size + 1).fetch();
    return Cursors.slice(rows, size, JooqSessionStore::toSession, r -> Long.toString(r.getSeq()));
  }

  @Override
  public List<byte[]> endAll(String projectId, String accountId, String keepSessionId, Instant time, Session.EndReason reason) {
    return db.inTransaction(() -> {
      var dsl = db.dsl();
      var open = dsl.select(SESSIONS.SEQ, SESSIONS.TOKEN_HASH).from(SESSIONS)
          .where(SESSIONS.PROJECT_ID.eq(projectId), SESSIONS.ACCOUNT_ID.eq(accountId), SESSIONS.END_TIME.isNull(),
              SESSIONS.ID.ne(keepSessionId == null ? "" : keepSessionId))
          .forUpdate().fetch();
      if (open.isEmpty()) {
        return List.<byte[]>of();
      }
      dsl.update(SESSIONS).set(SESSIONS.END_TIME, time).set(SESSIONS.END_REASON, reason.name())
          .where(SESSIONS.SEQ.in(open.map(r -> r.value1()))).execute();
      return open.map(r -> r.value2());
    });
  }

  @Override
  public boolean end(String sessionId, Instant time, Session.EndReason reason) {
    return db.dsl().update(SESSIONS).set(SESSIONS.END_TIME, time).set(SESSIONS.END_REASON, reason.name())
        .where(SESSIONS.ID.eq(sessionId), SESSIONS.END_TIME.isNull()).execute() == 1;
  }

  @Override
  public List<Session> listAll(String projectId, String accountId) {
    return db.dsl().selectFrom(SESSIONS)
        .where(SESSIONS.PROJECT_ID.eq(projectId), SESSIONS.ACCOUNT_ID.eq(accountId))
        .orderBy(SESSIONS.SEQ).fetch(JooqSessionStore::toSession);
  }

  @Override
  public List<Session> deleteAll(String projectId, String accountId) {
    return db.inTransaction(() -> {
      List<Session> sessions = db.dsl().selectFrom(SESSIONS)
          .where(SESSIONS.PROJECT_ID.eq(projectId), SESSIONS.ACCOUNT_ID.eq(accountId))
          .forUpdate().fetch(JooqSessionStore::toSession);
      db.dsl().deleteFrom(SESSIONS).where(SESSIONS.PROJECT_ID.eq(projectId), SESSIONS.ACCOUNT_ID.eq(accountId)).execute();
      return sessions;
    });
  }

  @Override
  public int deleteEnded(Instant endedBefore) {
    return db.dsl().deleteFrom(SESSIONS).where(SESSIONS.END_TIME.lt(endedBefore)).execute();
  }

  @Override
  public int deleteExpired(Instant expiredBefore, Instant idleBefore) {
    return db.dsl().deleteFrom(SESSIONS)
        .where(SESSIONS.END_TIME.isNull(), SESSIONS.ABSOLUTE_EXPIRE_TIME.lt(expiredBefore).or(SESSIONS.LAST_ACTIVE_TIME.lt(idleBefore)))
        .execute();
  }

  @Override
  public long countLive(Instant now, Instant idleSince) {
    return db.dsl().selectCount().from(SESSIONS).where(live(now, idleSince)).fetchSingle().value1();
  }

  private static Session toSession(SessionsRecord r) {
    return new Session(r.getId(), r.getProjectId(), r.getAccountId(), r.getTokenHash(), r.getCreateTime(),
        r.getLastActiveTime(), r.getAbsoluteExpireTime(), Optional.ofNullable(r.getEndTime()),
        Optional.ofNullable(r.getEndReason()).map(Session.EndReason::valueOf), r.getAal().intValue());
  }
}
