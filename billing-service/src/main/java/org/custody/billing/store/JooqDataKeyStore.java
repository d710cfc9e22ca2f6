package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.DATA_KEYS;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.billing.crypto.DataKeyRow;
import org.custody.billing.crypto.DataKeyStore;
import org.custody.billing.crypto.KeyPurpose;
import org.custody.billing.store.generated.tables.records.DataKeysRecord;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.CaseValueStep;
import org.jooq.CaseWhenStep;
import org.jooq.Field;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

final class JooqDataKeyStore implements DataKeyStore {
  private final ThreadBoundTransactions db;

  JooqDataKeyStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<DataKeyRow> findForShare(AccountName subject, KeyPurpose purpose) {
    return db.dsl().selectFrom(DATA_KEYS).where(ofSubject(subject, purpose)).forShare().fetchOptional(JooqDataKeyStore::toRow);
  }

  @Override
  public Optional<DataKeyRow> findForUpdate(AccountName subject, KeyPurpose purpose) {
    return db.dsl().selectFrom(DATA_KEYS).where(ofSubject(subject, purpose)).forUpdate().fetchOptional(JooqDataKeyStore::toRow);
  }

  @Override
  public boolean insert(DataKeyRow row) {
    try {
      db.dsl().insertInto(DATA_KEYS)
          .set(DATA_KEYS.ID, row.ref().id())
          .set(DATA_KEYS.PROJECT_ID, row.subject().projectId())
          .set(DATA_KEYS.ACCOUNT_ID, row.subject().accountId())
          .set(DATA_KEYS.PURPOSE, row.purpose().name())
          .set(DATA_KEYS.KEK_VERSION, row.ref().kekVersion())
          .set(DATA_KEYS.WRAPPED_KEY, row.ref().wrappedKey())
          .set(DATA_KEYS.RETAIN_UNTIL, row.retainUntil().orElse(null))
          .set(DATA_KEYS.CREATE_TIME, row.createTime())
          .execute();
      return true;
    } catch (IntegrityConstraintViolationException e) {
      return false;
    }
  }

  @Override
  public void delete(String id) {
    db.dsl().deleteFrom(DATA_KEYS).where(DATA_KEYS.ID.eq(id)).execute();
  }

  @Override
  public void setRetainUntil(String id, Instant retainUntil) {
    db.dsl().update(DATA_KEYS).set(DATA_KEYS.RETAIN_UNTIL, retainUntil).where(DATA_KEYS.ID.eq(id)).execute();
  }

  @Override
  public Map<Integer, Long> countByKekVersion() {
    Map<Integer, Long> counts = new HashMap<>();
    db.dsl().select(DATA_KEYS.KEK_VERSION, DSL.count()).from(DATA_KEYS).groupBy(DATA_KEYS.KEK_VERSION)
        .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
    return counts;
  }

  @Override
  public long countUnder(int version) {
    return db.dsl().fetchCount(DATA_KEYS, DATA_KEYS.KEK_VERSION.eq(version));
  }

  @Override
  public long countNotUnder(int version) {
    return db.dsl().fetchCount(DATA_KEYS, DATA_KEYS.KEK_VERSION.ne(version));
  }

  @Override
  public List<DataKeyRef> nextNotUnder(int version, String afterId, int limit) {
    return db.dsl().select(DATA_KEYS.ID, DATA_KEYS.KEK_VERSION, DATA_KEYS.WRAPPED_KEY).from(DATA_KEYS)
        .where(DATA_KEYS.ID.gt(afterId), DATA_KEYS.KEK_VERSION.ne(version))
        .orderBy(DATA_KEYS.ID).limit(limit)
        .fetch(r -> new DataKeyRef(r.value1(), r.value2(), r.value3()));
  }

  @Override
  public int replaceWrapped(List<DataKeyRef> rewrapped, int version) {
    if (rewrapped.isEmpty()) {
      return 0;
    }
    // One statement per batch: a CASE over the ids. Rows deleted meanwhile (erasures) are simply
    // not matched, so a shredded key is never brought back.
    CaseValueStep<String> byId = DSL.choose(DATA_KEYS.ID);
    CaseWhenStep<String, byte[]> wrapped = null;
    for (DataKeyRef key : rewrapped) {
      wrapped = wrapped == null ? byId.when(DSL.val(key.id()), DSL.val(key.wrappedKey())) : wrapped.when(DSL.val(key.id()), DSL.val(key.wrappedKey()));
    }
    Field<byte[]> newWrapped = wrapped.otherwise(DATA_KEYS.WRAPPED_KEY);
    return db.dsl().update(DATA_KEYS)
        .set(DATA_KEYS.WRAPPED_KEY, newWrapped)
        .set(DATA_KEYS.KEK_VERSION, version)
        .where(DATA_KEYS.ID.in(rewrapped.stream().map(DataKeyRef::id).toList()), DATA_KEYS.KEK_VERSION.ne(version))
        .execute();
  }

  @Override
  public List<DataKeyRow> retentionEndedBy(Instant now, int limit) {
    return db.dsl().selectFrom(DATA_KEYS)
        .where(DATA_KEYS.PURPOSE.eq(KeyPurpose.RETENTION.name()), DATA_KEYS.RETAIN_UNTIL.le(now))
        .orderBy(DATA_KEYS.RETAIN_UNTIL).limit(limit)
        .fetch(JooqDataKeyStore::toRow);
  }

  private static org.jooq.Condition ofSubject(AccountName subject, KeyPurpose purpose) {
    return DATA_KEYS.PROJECT_ID.eq(subject.projectId())
        .and(DATA_KEYS.ACCOUNT_ID.eq(subject.accountId()))
        .and(DATA_KEYS.PURPOSE.eq(purpose.name()));
  }

  private static DataKeyRow toRow(DataKeysRecord r) {
    return new DataKeyRow(new DataKeyRef(r.getId(), r.getKekVersion(), r.getWrappedKey()),
        new AccountName(r.getProjectId(), r.getAccountId()), KeyPurpose.valueOf(r.getPurpose()),
        Optional.ofNullable(r.getRetainUntil()), r.getCreateTime());
  }
}
