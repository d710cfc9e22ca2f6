package org.custody.analytics.store;

import static org.custody.analytics.store.generated.Tables.DAILY_SALT;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.custody.analytics.salt.SaltStore;
import org.jooq.DSLContext;

/** The daily salts; the first replica to need a day's salt stores it, the others read it. */
final class JooqSaltStore implements SaltStore {
  private final DSLContext dsl;

  JooqSaltStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public byte[] getOrCreate(LocalDate day, byte[] candidate, Instant now) {
    dsl.insertInto(DAILY_SALT)
        .set(DAILY_SALT.SALT_DATE, day)
        .set(DAILY_SALT.SALT, candidate)
        .set(DAILY_SALT.CREATE_TIME, now)
        .onDuplicateKeyIgnore()
        .execute();
    return dsl.select(DAILY_SALT.SALT).from(DAILY_SALT).where(DAILY_SALT.SALT_DATE.eq(day)).fetchSingle(DAILY_SALT.SALT);
  }

  @Override
  public int deleteBefore(LocalDate day) {
    return dsl.deleteFrom(DAILY_SALT).where(DAILY_SALT.SALT_DATE.lt(day)).execute();
  }

  @Override
  public List<LocalDate> days() {
    return dsl.select(DAILY_SALT.SALT_DATE).from(DAILY_SALT).orderBy(DAILY_SALT.SALT_DATE).fetch(DAILY_SALT.SALT_DATE);
  }
}
