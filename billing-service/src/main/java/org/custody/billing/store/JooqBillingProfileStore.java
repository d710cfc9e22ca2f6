package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.BILLING_PROFILES;
import static org.custody.billing.store.generated.Tables.DATA_KEYS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.billing.profile.BillingProfileStore;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.SelectConditionStep;

final class JooqBillingProfileStore implements BillingProfileStore {
  private final ThreadBoundTransactions db;
  private final ProfileByIdQuery byId;

  JooqBillingProfileStore(ThreadBoundTransactions db) {
    this.db = db;
    this.byId = new ProfileByIdQuery(db);
  }

  @Override
  public void insert(Sealed row) {
    db.dsl().insertInto(BILLING_PROFILES)
        .set(BILLING_PROFILES.ID, row.id())
        .set(BILLING_PROFILES.PROJECT_ID, row.subject().projectId())
        .set(BILLING_PROFILES.ACCOUNT_ID, row.subject().accountId())
        .set(BILLING_PROFILES.DATA_KEY_ID, row.dataKeyId())
        .set(BILLING_PROFILES.SEALED_DETAILS, row.sealedDetails())
        .set(BILLING_PROFILES.CREATE_TIME, row.createTime())
        .set(BILLING_PROFILES.UPDATE_TIME, row.updateTime())
        .execute();
  }

  @Override
  public Optional<Stored> find(AccountName subject, String id) {
    return byId.find(subject, id);
  }

  @Override
  public Optional<Stored> findForUpdate(AccountName subject, String id) {
    // Locks the profile row alone: the key row is share-locked by the caller already, and
    // MariaDB has no FOR UPDATE OF to leave a joined row out.
    boolean exists = db.dsl().select(BILLING_PROFILES.ID).from(BILLING_PROFILES)
        .where(ofSubject(subject), BILLING_PROFILES.ID.eq(id)).forUpdate().fetchOptional().isPresent();
    return exists ? find(subject, id) : Optional.empty();
  }

  @Override
  public List<Stored> list(AccountName subject, Optional<ListCursor> after, int limit) {
    Condition where = ofSubject(subject);
    if (after.isPresent()) {
      ListCursor c = after.get();
      where = where.and(BILLING_PROFILES.CREATE_TIME.gt(c.createTime())
          .or(BILLING_PROFILES.CREATE_TIME.eq(c.createTime()).and(BILLING_PROFILES.ID.gt(c.id()))));
    }
    return select(where).orderBy(BILLING_PROFILES.CREATE_TIME, BILLING_PROFILES.ID).limit(limit)
        .fetch(JooqBillingProfileStore::toStored);
  }

  @Override
  public void update(String id, byte[] sealedDetails, Instant updateTime) {
    db.dsl().update(BILLING_PROFILES)
        .set(BILLING_PROFILES.SEALED_DETAILS, sealedDetails)
        .set(BILLING_PROFILES.UPDATE_TIME, updateTime)
        .where(BILLING_PROFILES.ID.eq(id))
        .execute();
  }

  @Override
  public boolean delete(AccountName subject, String id) {
    return db.dsl().deleteFrom(BILLING_PROFILES).where(ofSubject(subject), BILLING_PROFILES.ID.eq(id)).execute() > 0;
  }

  @Override
  public int deleteAll(AccountName subject) {
    return db.dsl().deleteFrom(BILLING_PROFILES).where(ofSubject(subject)).execute();
  }

  private SelectConditionStep<Record> select(Condition where) {
    return db.dsl().select(BILLING_PROFILES.fields()).select(DATA_KEYS.ID, DATA_KEYS.KEK_VERSION, DATA_KEYS.WRAPPED_KEY)
        .from(BILLING_PROFILES).join(DATA_KEYS).on(DATA_KEYS.ID.eq(BILLING_PROFILES.DATA_KEY_ID))
        .where(where);
  }

  private static Condition ofSubject(AccountName subject) {
    return BILLING_PROFILES.PROJECT_ID.eq(subject.projectId()).and(BILLING_PROFILES.ACCOUNT_ID.eq(subject.accountId()));
  }

  private static Stored toStored(Record r) {
    Sealed row = new Sealed(r.get(BILLING_PROFILES.ID), new AccountName(r.get(BILLING_PROFILES.PROJECT_ID), r.get(BILLING_PROFILES.ACCOUNT_ID)),
        r.get(BILLING_PROFILES.DATA_KEY_ID), r.get(BILLING_PROFILES.SEALED_DETAILS), r.get(BILLING_PROFILES.CREATE_TIME),
        r.get(BILLING_PROFILES.UPDATE_TIME));
    return new Stored(row, new DataKeyRef(r.get(DATA_KEYS.ID), r.get(DATA_KEYS.KEK_VERSION), r.get(DATA_KEYS.WRAPPED_KEY)));
  }
}
