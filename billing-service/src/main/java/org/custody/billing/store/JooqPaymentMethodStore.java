package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.DATA_KEYS;
import static org.custody.billing.store.generated.Tables.DEFAULT_PAYMENT_METHODS;
import static org.custody.billing.store.generated.Tables.PAYMENT_METHODS;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.billing.payment.CardBrand;
import org.custody.billing.payment.CardExpiry;
import org.custody.billing.payment.PaymentMethodStore;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.SelectConditionStep;

final class JooqPaymentMethodStore implements PaymentMethodStore {
  private final ThreadBoundTransactions db;

  JooqPaymentMethodStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public boolean hasDefaultValidIn(String projectId, String accountId, YearMonth month) {
    return db.dsl().fetchExists(db.dsl().selectOne().from(DEFAULT_PAYMENT_METHODS)
        .join(PAYMENT_METHODS).on(PAYMENT_METHODS.ID.eq(DEFAULT_PAYMENT_METHODS.PAYMENT_METHOD_ID))
        .where(DEFAULT_PAYMENT_METHODS.PROJECT_ID.eq(projectId), DEFAULT_PAYMENT_METHODS.ACCOUNT_ID.eq(accountId),
            PAYMENT_METHODS.EXP_YEAR.gt(month.getYear())
                .or(PAYMENT_METHODS.EXP_YEAR.eq(month.getYear()).and(PAYMENT_METHODS.EXP_MONTH.ge(month.getMonthValue())))));
  }

  @Override
  public void insert(Sealed row) {
    db.dsl().insertInto(PAYMENT_METHODS)
        .set(PAYMENT_METHODS.ID, row.id())
        .set(PAYMENT_METHODS.PROJECT_ID, row.subject().projectId())
        .set(PAYMENT_METHODS.ACCOUNT_ID, row.subject().accountId())
        .set(PAYMENT_METHODS.PROCESSOR, row.processor())
        .set(PAYMENT_METHODS.BRAND, row.brand().name())
        .set(PAYMENT_METHODS.EXP_MONTH, row.expiry().month())
        .set(PAYMENT_METHODS.EXP_YEAR, row.expiry().year())
        .set(PAYMENT_METHODS.DATA_KEY_ID, row.dataKeyId())
        .set(PAYMENT_METHODS.SEALED_TOKEN, row.sealedToken())
        .set(PAYMENT_METHODS.SEALED_LAST4, row.sealedLast4())
        .set(PAYMENT_METHODS.CREATE_TIME, row.createTime())
        .execute();
  }

  @Override
  public Optional<Stored> find(AccountName subject, String id) {
    return select(ofSubject(subject).and(PAYMENT_METHODS.ID.eq(id))).fetchOptional(JooqPaymentMethodStore::toStored);
  }

  @Override
  public List<Stored> list(AccountName subject, Optional<ListCursor> after, int limit) {
    Condition where = ofSubject(subject);
    if (after.isPresent()) {
      ListCursor c = after.get();
      where = where.and(PAYMENT_METHODS.CREATE_TIME.gt(c.createTime())
          .or(PAYMENT_METHODS.CREATE_TIME.eq(c.createTime()).and(PAYMENT_METHODS.ID.gt(c.id()))));
    }
    return select(where).orderBy(PAYMENT_METHODS.CREATE_TIME, PAYMENT_METHODS.ID).limit(limit)
        .fetch(JooqPaymentMethodStore::toStored);
  }

  @Override
  public boolean setDefault(AccountName subject, String id, Instant at) {
    // The method row is share-locked so it cannot be deleted before the mark points at it; the
    // mark itself is one row per account, replaced in place.
    boolean exists = db.dsl().selectOne().from(PAYMENT_METHODS)
        .where(ofSubject(subject), PAYMENT_METHODS.ID.eq(id)).forShare().fetchOptional().isPresent();
    if (!exists) {
      return false;
    }
    db.dsl().insertInto(DEFAULT_PAYMENT_METHODS)
        .set(DEFAULT_PAYMENT_METHODS.PROJECT_ID, subject.projectId())
        .set(DEFAULT_PAYMENT_METHODS.ACCOUNT_ID, subject.accountId())
        .set(DEFAULT_PAYMENT_METHODS.PAYMENT_METHOD_ID, id)
        .set(DEFAULT_PAYMENT_METHODS.UPDATE_TIME, at)
        .onDuplicateKeyUpdate()
        .set(DEFAULT_PAYMENT_METHODS.PAYMENT_METHOD_ID, id)
        .set(DEFAULT_PAYMENT_METHODS.UPDATE_TIME, at)
        .execute();
    return true;
  }

  @Override
  public boolean delete(AccountName subject, String id) {
    return db.dsl().deleteFrom(PAYMENT_METHODS).where(ofSubject(subject), PAYMENT_METHODS.ID.eq(id)).execute() > 0;
  }

  @Override
  public int deleteAll(AccountName subject) {
    return db.dsl().deleteFrom(PAYMENT_METHODS).where(ofSubject(subject)).execute();
  }

  private SelectConditionStep<Record> select(Condition where) {
    return db.dsl().select(PAYMENT_METHODS.fields())
        .select(DATA_KEYS.ID, DATA_KEYS.KEK_VERSION, DATA_KEYS.WRAPPED_KEY, DEFAULT_PAYMENT_METHODS.PAYMENT_METHOD_ID)
        .from(PAYMENT_METHODS)
        .join(DATA_KEYS).on(DATA_KEYS.ID.eq(PAYMENT_METHODS.DATA_KEY_ID))
        .leftJoin(DEFAULT_PAYMENT_METHODS).on(DEFAULT_PAYMENT_METHODS.PAYMENT_METHOD_ID.eq(PAYMENT_METHODS.ID))
        .where(where);
  }

  private static Condition ofSubject(AccountName subject) {
    return PAYMENT_METHODS.PROJECT_ID.eq(subject.projectId()).and(PAYMENT_METHODS.ACCOUNT_ID.eq(subject.accountId()));
  }

  private static Stored toStored(Record r) {
    Sealed row = new Sealed(r.get(PAYMENT_METHODS.ID), new AccountName(r.get(PAYMENT_METHODS.PROJECT_ID), r.get(PAYMENT_METHODS.ACCOUNT_ID)),
        r.get(PAYMENT_METHODS.PROCESSOR), CardBrand.valueOf(r.get(PAYMENT_METHODS.BRAND)),
        new CardExpiry(r.get(PAYMENT_METHODS.EXP_MONTH), r.get(PAYMENT_METHODS.EXP_YEAR)), r.get(PAYMENT_METHODS.DATA_KEY_ID),
        r.get(PAYMENT_METHODS.SEALED_TOKEN), r.get(PAYMENT_METHODS.SEALED_LAST4), r.get(PAYMENT_METHODS.CREATE_TIME));
    return new Stored(row, new DataKeyRef(r.get(DATA_KEYS.ID), r.get(DATA_KEYS.KEK_VERSION), r.get(DATA_KEYS.WRAPPED_KEY)),
        r.get(DEFAULT_PAYMENT_METHODS.PAYMENT_METHOD_ID) != null);
  }
}
