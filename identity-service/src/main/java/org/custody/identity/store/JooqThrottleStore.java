package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.LOGIN_THROTTLE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.custody.identity.login.ThrottleState;
import org.custody.identity.login.ThrottleStore;
import org.custody.identity.store.generated.tables.records.LoginThrottleRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.exception.IntegrityConstraintViolationException;

final class JooqThrottleStore implements ThrottleStore {
  private final ThreadBoundTransactions db;

  JooqThrottleStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<ThrottleState> find(byte[] key) {
    return db.dsl().selectFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key)).fetchOptional().map(JooqThrottleStore::toState);
  }

  @Override
  public List<Keyed> findAll(List<byte[]> keys) {
    return db.dsl().selectFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.in(keys))
        .fetch(r -> new Keyed(r.getThrottleKey(), toState(r)));
  }

  @Override
  public void update(byte[] key, byte[] accountKey, UnaryOperator<Optional<ThrottleState>> change) {
    try {
      apply(key, accountKey, change);
    } catch (IntegrityConstraintViolationException raced) {
      apply(key, accountKey, change); // two first failures at once: the row exists now and is locked for update
    }
  }

  private void apply(byte[] key, byte[] accountKey, UnaryOperator<Optional<ThrottleState>> change) {
    db.inTransaction(() -> {
      var dsl = db.dsl();
      Optional<ThrottleState> current = dsl.selectFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key))
          .forUpdate().fetchOptional().map(JooqThrottleStore::toState);
      Optional<ThrottleState> next = change.apply(current);
      if (next.isEmpty()) {
        dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key)).execute();
      } else if (current.isEmpty()) {
        ThrottleState s = next.get();
        dsl.insertInto(LOGIN_THROTTLE)
            .set(LOGIN_THROTTLE.THROTTLE_KEY, key)
            .set(LOGIN_THROTTLE.ACCOUNT_KEY, accountKey)
            .set(LOGIN_THROTTLE.FAILURE_COUNT, s.failures())
            .set(LOGIN_THROTTLE.WINDOW_START_TIME, s.windowStart())
            .set(LOGIN_THROTTLE.LAST_FAILURE_TIME, s.lastFailure())
            .set(LOGIN_THROTTLE.LOCKED_UNTIL_TIME, s.lockedUntil().orElse(null))
            .execute();
      } else {
        ThrottleState s = next.get();
        dsl.update(LOGIN_THROTTLE)
            .set(LOGIN_THROTTLE.FAILURE_COUNT, s.failures())
            .set(LOGIN_THROTTLE.WINDOW_START_TIME, s.windowStart())
            .set(LOGIN_THROTTLE.LAST_FAILURE_TIME, s.lastFailure())
            .set(LOGIN_THROTTLE.LOCKED_UNTIL_TIME, s.lockedUntil().orElse(null))
            .where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key))
            .execute();
      }
      return null;
    });
  }

  @Override
  public void delete(byte[] key) {
    db.dsl().deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key)).execute();
  }

  @Override
  public int deleteAccount(byte[] accountKey) {
    return db.dsl().deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.ACCOUNT_KEY.eq(accountKey)).execute();
  }

  @Override
  public int deleteStale(Instant windowStartBefore, Instant now) {
    return db.dsl().deleteFrom(LOGIN_THROTTLE)
        .where(LOGIN_THROTTLE.WINDOW_START_TIME.lt(windowStartBefore),
            LOGIN_THROTTLE.LOCKED_UNTIL_TIME.isNull().or(LOGIN_THROTTLE.LOCKED_UNTIL_TIME.le(now)))
        .execute();
  }

  private static ThrottleState toState(LoginThrottleRecord r) {
    return new ThrottleState(r.getFailureCount(), r.getWindowStartTime(), r.getLastFailureTime(), Optional.ofNullable(r.getLockedUntilTime()));
  }
}
