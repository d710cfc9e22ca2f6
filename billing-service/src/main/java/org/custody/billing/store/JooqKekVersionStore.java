package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.KEK_VERSIONS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.billing.crypto.KekState;
import org.custody.billing.crypto.KekVersion;
import org.custody.billing.crypto.KekVersionStore;
import org.custody.billing.crypto.StoredKekVersion;
import org.custody.billing.store.generated.tables.records.KekVersionsRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

final class JooqKekVersionStore implements KekVersionStore {
  private final ThreadBoundTransactions db;

  JooqKekVersionStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public List<StoredKekVersion> all() {
    return db.dsl().selectFrom(KEK_VERSIONS).orderBy(KEK_VERSIONS.VERSION)
        .fetch(r -> new StoredKekVersion(toVersion(r), Optional.ofNullable(r.getSealedKeyset())));
  }

  @Override
  public Optional<KekVersion> primaryForShare() {
    return db.dsl().selectFrom(KEK_VERSIONS).where(KEK_VERSIONS.IS_PRIMARY.isTrue()).forShare()
        .fetchOptional(JooqKekVersionStore::toVersion);
  }

  @Override
  public Optional<KekVersion> lockForUpdate(int version) {
    return db.dsl().selectFrom(KEK_VERSIONS).where(KEK_VERSIONS.VERSION.eq(version)).forUpdate()
        .fetchOptional(JooqKekVersionStore::toVersion);
  }

  @Override
  public int maxVersion() {
    Integer max = db.dsl().select(DSL.max(KEK_VERSIONS.VERSION)).from(KEK_VERSIONS).fetchOne(0, Integer.class);
    return max == null ? 0 : max;
  }

  @Override
  public boolean insert(KekVersion version, byte[] sealedKeyset) {
    try {
      db.dsl().insertInto(KEK_VERSIONS)
          .set(KEK_VERSIONS.VERSION, version.version())
          .set(KEK_VERSIONS.STATE, version.state().name())
          .set(KEK_VERSIONS.IS_PRIMARY, version.primary())
          .set(KEK_VERSIONS.SEALED_KEYSET, sealedKeyset)
          .set(KEK_VERSIONS.CREATE_TIME, version.createTime())
          .set(KEK_VERSIONS.STATE_TIME, version.stateTime())
          .execute();
      return true;
    } catch (IntegrityConstraintViolationException e) {
      return false;
    }
  }

  @Override
  public void makePrimary(int version) {
    db.dsl().update(KEK_VERSIONS).set(KEK_VERSIONS.IS_PRIMARY, DSL.field(KEK_VERSIONS.VERSION.eq(version))).execute();
  }

  @Override
  public void changeState(int version, KekState state, Instant at) {
    var update = db.dsl().update(KEK_VERSIONS)
        .set(KEK_VERSIONS.STATE, state.name())
        .set(KEK_VERSIONS.STATE_TIME, at);
    if (state == KekState.DESTROYED) {
      update = update.set(KEK_VERSIONS.SEALED_KEYSET, (byte[]) null);
    }
    update.where(KEK_VERSIONS.VERSION.eq(version)).execute();
  }

  private static KekVersion toVersion(KekVersionsRecord r) {
    return new KekVersion(r.getVersion(), KekState.valueOf(r.getState()), r.getIsPrimary(), r.getCreateTime(), r.getStateTime());
  }
}
