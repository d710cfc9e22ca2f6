package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.REWRAP_JOBS;

import java.time.Instant;
import java.util.Optional;
import org.custody.billing.keys.RewrapJob;
import org.custody.billing.keys.RewrapJobState;
import org.custody.billing.keys.RewrapJobStore;
import org.custody.billing.store.generated.tables.records.RewrapJobsRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.exception.IntegrityConstraintViolationException;

final class JooqRewrapJobStore implements RewrapJobStore {
  private static final int ACTIVE = 1;

  private final ThreadBoundTransactions db;

  JooqRewrapJobStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<RewrapJob> running() {
    return db.dsl().selectFrom(REWRAP_JOBS).where(REWRAP_JOBS.ACTIVE_SLOT.eq(ACTIVE)).fetchOptional(JooqRewrapJobStore::toJob);
  }

  @Override
  public Optional<RewrapJob> find(String id) {
    return db.dsl().selectFrom(REWRAP_JOBS).where(REWRAP_JOBS.ID.eq(id)).fetchOptional(JooqRewrapJobStore::toJob);
  }

  @Override
  public Optional<RewrapJob> latest() {
    return db.dsl().selectFrom(REWRAP_JOBS).orderBy(REWRAP_JOBS.START_TIME.desc(), REWRAP_JOBS.ID.desc()).limit(1)
        .fetchOptional(JooqRewrapJobStore::toJob);
  }

  @Override
  public boolean insert(RewrapJob job) {
    try {
      db.dsl().insertInto(REWRAP_JOBS)
          .set(REWRAP_JOBS.ID, job.id())
          .set(REWRAP_JOBS.TARGET_VERSION, job.targetVersion())
          .set(REWRAP_JOBS.STATE, job.state().name())
          .set(REWRAP_JOBS.ACTIVE_SLOT, ACTIVE)
          .set(REWRAP_JOBS.TOTAL_KEYS, job.totalKeys())
          .set(REWRAP_JOBS.REWRAPPED_KEYS, job.rewrappedKeys())
          .set(REWRAP_JOBS.CURSOR_ID, job.cursor())
          .set(REWRAP_JOBS.START_TIME, job.startTime())
          .execute();
      return true;
    } catch (IntegrityConstraintViolationException e) {
      return false;
    }
  }

  @Override
  public boolean claim(String id, String owner, Instant now, Instant leaseUntil) {
    return db.dsl().update(REWRAP_JOBS)
        .set(REWRAP_JOBS.LEASE_OWNER, owner)
        .set(REWRAP_JOBS.LEASE_UNTIL, leaseUntil)
        .where(REWRAP_JOBS.ID.eq(id), REWRAP_JOBS.STATE.eq(RewrapJobState.RUNNING.name()),
            REWRAP_JOBS.LEASE_UNTIL.isNull().or(REWRAP_JOBS.LEASE_UNTIL.lt(now)).or(REWRAP_JOBS.LEASE_OWNER.eq(owner)))
        .execute() == 1;
  }

  @Override
  public void advance(String id, String cursor, long rewrapped, Instant leaseUntil) {
    db.dsl().update(REWRAP_JOBS)
        .set(REWRAP_JOBS.CURSOR_ID, cursor)
        .set(REWRAP_JOBS.REWRAPPED_KEYS, REWRAP_JOBS.REWRAPPED_KEYS.plus(rewrapped))
        .set(REWRAP_JOBS.LEASE_UNTIL, leaseUntil)
        .where(REWRAP_JOBS.ID.eq(id))
        .execute();
  }

  @Override
  public void finish(String id, RewrapJobState state, Instant at) {
    db.dsl().update(REWRAP_JOBS)
        .set(REWRAP_JOBS.STATE, state.name())
        .setNull(REWRAP_JOBS.ACTIVE_SLOT)
        .setNull(REWRAP_JOBS.LEASE_OWNER)
        .setNull(REWRAP_JOBS.LEASE_UNTIL)
        .set(REWRAP_JOBS.FINISH_TIME, at)
        .where(REWRAP_JOBS.ID.eq(id))
        .execute();
  }

  private static RewrapJob toJob(RewrapJobsRecord r) {
    return new RewrapJob(r.getId(), r.getTargetVersion(), RewrapJobState.valueOf(r.getState()), r.getTotalKeys(),
        r.getRewrappedKeys(), r.getCursorId(), r.getStartTime(), Optional.ofNullable(r.getFinishTime()));
  }
}
