package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.DATA_KEYS;
import static org.custody.billing.store.generated.Tables.INVOICES;
import static org.custody.billing.store.generated.Tables.INVOICE_SEQUENCES;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.billing.invoice.InvoiceStatus;
import org.custody.billing.invoice.InvoiceStore;
import org.custody.platform.api.AccountName;
import org.custody.platform.db.ThreadBoundTransactions;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;

final class JooqInvoiceStore implements InvoiceStore {
  private final ThreadBoundTransactions db;

  JooqInvoiceStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public long nextNumber(String projectId, int year) {
    // The upsert locks the counter row until the invoice's transaction ends: numbers are drawn one
    // at a time, and a rolled-back invoice gives its number back.
    db.dsl().insertInto(INVOICE_SEQUENCES)
        .set(INVOICE_SEQUENCES.PROJECT_ID, projectId)
        .set(INVOICE_SEQUENCES.ISSUE_YEAR, year)
        .set(INVOICE_SEQUENCES.LAST_NUMBER, 1L)
        .onDuplicateKeyUpdate()
        .set(INVOICE_SEQUENCES.LAST_NUMBER, INVOICE_SEQUENCES.LAST_NUMBER.plus(1L))
        .execute();
    return db.dsl().select(INVOICE_SEQUENCES.LAST_NUMBER).from(INVOICE_SEQUENCES)
        .where(INVOICE_SEQUENCES.PROJECT_ID.eq(projectId), INVOICE_SEQUENCES.ISSUE_YEAR.eq(year))
        .fetchSingle(INVOICE_SEQUENCES.LAST_NUMBER);
  }

  @Override
  public void insert(Sealed row) {
    db.dsl().insertInto(INVOICES)
        .set(INVOICES.ID, row.id())
        .set(INVOICES.PROJECT_ID, row.subject().projectId())
        .set(INVOICES.ACCOUNT_ID, row.subject().accountId())
        .set(INVOICES.INVOICE_NUMBER, row.invoiceNumber())
        .set(INVOICES.BILLING_PROFILE_ID, row.billingProfileId())
        .set(INVOICES.ISSUE_DATE, row.issueDate())
        .set(INVOICES.CURRENCY_CODE, row.currencyCode())
        .set(INVOICES.TOTAL_MINOR, row.totalMinor())
        .set(INVOICES.STATUS, row.status().name())
        .set(INVOICES.DATA_KEY_ID, row.dataKeyId())
        .set(INVOICES.SEALED_CONTENTS, row.sealedContents())
        .set(INVOICES.RETAIN_UNTIL, row.retainUntil())
        .set(INVOICES.CREATE_TIME, row.createTime())
        .set(INVOICES.UPDATE_TIME, row.updateTime())
        .execute();
  }

  @Override
  public Optional<Stored> find(AccountName subject, String id) {
    return select(ofSubject(subject).and(INVOICES.ID.eq(id))).fetchOptional(JooqInvoiceStore::toStored);
  }

  @Override
  public Optional<Stored> findForUpdate(AccountName subject, String id) {
    // Locks the invoice row alone (MariaDB has no FOR UPDATE OF): the data key row stays free.
    boolean exists = db.dsl().select(INVOICES.ID).from(INVOICES).where(ofSubject(subject), INVOICES.ID.eq(id)).forUpdate()
        .fetchOptional().isPresent();
    return exists ? find(subject, id) : Optional.empty();
  }

  @Override
  public List<Stored> listNewestFirst(AccountName subject, Optional<ListCursor> after, int limit) {
    Condition where = ofSubject(subject);
    if (after.isPresent()) {
      ListCursor c = after.get();
      where = where.and(INVOICES.CREATE_TIME.lt(c.createTime())
          .or(INVOICES.CREATE_TIME.eq(c.createTime()).and(INVOICES.ID.lt(c.id()))));
    }
    return select(where).orderBy(INVOICES.CREATE_TIME.desc(), INVOICES.ID.desc()).limit(limit).fetch(JooqInvoiceStore::toStored);
  }

  @Override
  public void updateStatus(String id, InvoiceStatus status, Instant at) {
    db.dsl().update(INVOICES).set(INVOICES.STATUS, status.name()).set(INVOICES.UPDATE_TIME, at).where(INVOICES.ID.eq(id)).execute();
  }

  @Override
  public List<Stored> sealedUnder(String dataKeyId) {
    db.dsl().select(INVOICES.ID).from(INVOICES).where(INVOICES.DATA_KEY_ID.eq(dataKeyId)).forUpdate().fetch();
    return select(INVOICES.DATA_KEY_ID.eq(dataKeyId)).orderBy(INVOICES.ID).fetch(JooqInvoiceStore::toStored);
  }

  @Override
  public void reseal(String id, String dataKeyId, byte[] sealedContents) {
    db.dsl().update(INVOICES).set(INVOICES.DATA_KEY_ID, dataKeyId).set(INVOICES.SEALED_CONTENTS, sealedContents)
        .where(INVOICES.ID.eq(id)).execute();
  }

  @Override
  public Map<Instant, Long> countUnderByRetainUntil(String dataKeyId) {
    Map<Instant, Long> counts = new LinkedHashMap<>();
    db.dsl().select(INVOICES.RETAIN_UNTIL, DSL.count()).from(INVOICES).where(INVOICES.DATA_KEY_ID.eq(dataKeyId))
        .groupBy(INVOICES.RETAIN_UNTIL).orderBy(INVOICES.RETAIN_UNTIL)
        .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
    return counts;
  }

  @Override
  public void delete(String id) {
    db.dsl().deleteFrom(INVOICES).where(INVOICES.ID.eq(id)).execute();
  }

  @Override
  public List<String> retentionEndedBy(Instant now, int limit) {
    return db.dsl().select(INVOICES.ID).from(INVOICES).where(INVOICES.RETAIN_UNTIL.le(now))
        .orderBy(INVOICES.RETAIN_UNTIL).limit(limit).fetch(INVOICES.ID);
  }

  @Override
  public long countUnder(String dataKeyId) {
    return db.dsl().fetchCount(INVOICES, INVOICES.DATA_KEY_ID.eq(dataKeyId));
  }

  private SelectConditionStep<Record> select(Condition where) {
    return db.dsl().select(INVOICES.fields()).select(DATA_KEYS.ID, DATA_KEYS.KEK_VERSION, DATA_KEYS.WRAPPED_KEY)
        .from(INVOICES).join(DATA_KEYS).on(DATA_KEYS.ID.eq(INVOICES.DATA_KEY_ID))
        .where(where);
  }

  private static Condition ofSubject(AccountName subject) {
    return INVOICES.PROJECT_ID.eq(subject.projectId()).and(INVOICES.ACCOUNT_ID.eq(subject.accountId()));
  }

  private static Stored toStored(Record r) {
    Sealed row = new Sealed(r.get(INVOICES.ID), new AccountName(r.get(INVOICES.PROJECT_ID), r.get(INVOICES.ACCOUNT_ID)),
        r.get(INVOICES.INVOICE_NUMBER), r.get(INVOICES.BILLING_PROFILE_ID), r.get(INVOICES.ISSUE_DATE),
        r.get(INVOICES.CURRENCY_CODE), r.get(INVOICES.TOTAL_MINOR), InvoiceStatus.valueOf(r.get(INVOICES.STATUS)),
        r.get(INVOICES.DATA_KEY_ID), r.get(INVOICES.SEALED_CONTENTS), r.get(INVOICES.RETAIN_UNTIL),
        r.get(INVOICES.CREATE_TIME), r.get(INVOICES.UPDATE_TIME));
    return new Stored(row, new DataKeyRef(r.get(DATA_KEYS.ID), r.get(DATA_KEYS.KEK_VERSION), r.get(DATA_KEYS.WRAPPED_KEY)));
  }
}
