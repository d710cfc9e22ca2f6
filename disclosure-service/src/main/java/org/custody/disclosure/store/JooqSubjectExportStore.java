package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.EXPORTS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.ledger.Transaction;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.OutboxTable;
import org.custody.disclosure.rights.ExportState;
import org.custody.disclosure.rights.SubjectExport;
import org.custody.disclosure.rights.SubjectExportStore;
import org.custody.disclosure.store.generated.tables.records.ExportsRecord;
import org.custody.platform.subject.Subject;
import org.jooq.DSLContext;

final class JooqSubjectExportStore implements SubjectExportStore {
  private final DSLContext dsl;

  JooqSubjectExportStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public boolean insert(SubjectExport export, String requestId, byte[] requestHash) {
    return dsl.insertInto(EXPORTS)
        .set(EXPORTS.ID, export.id())
        .set(EXPORTS.CALLER, export.caller())
        .set(EXPORTS.REQUEST_ID, requestId)
        .set(EXPORTS.REQUEST_HASH, requestHash)
        .set(EXPORTS.SUBJECT_KEY, export.subject().key())
        .set(EXPORTS.EXPORT_STATE, export.state().name())
        .set(EXPORTS.CREATE_TIME, export.createTime())
        .onDuplicateKeyIgnore()
        .execute() == 1;
  }

  @Override
  public Optional<SubjectExport> find(String id) {
    return dsl.selectFrom(EXPORTS).where(EXPORTS.ID.eq(id)).fetchOptional(JooqSubjectExportStore::toDomain);
  }

  @Override
  public Optional<Requested> findByRequest(String caller, String requestId) {
    return dsl.selectFrom(EXPORTS).where(EXPORTS.CALLER.eq(caller), EXPORTS.REQUEST_ID.eq(requestId))
        .fetchOptional(r -> new Requested(toDomain(r), r.getRequestHash()));
  }

  @Override
  public void retry(String id) {
    dsl.update(EXPORTS).set(EXPORTS.EXPORT_STATE, ExportState.REQUESTED.name()).setNull(EXPORTS.FAILURE).where(EXPORTS.ID.eq(id)).execute();
  }

  @Override
  public void fail(String id, String failure) {
    dsl.update(EXPORTS).set(EXPORTS.EXPORT_STATE, ExportState.FAILED.name())
        .set(EXPORTS.FAILURE, failure.length() > 100 ? failure.substring(0, 100) : failure)
        .where(EXPORTS.ID.eq(id)).execute();
  }

  @Override
  public void complete(Transaction tx, String id, String document, Instant releaseTime, long ledgerIndex) {
    JooqTransaction.dsl(tx).update(EXPORTS)
        .set(EXPORTS.EXPORT_STATE, ExportState.COMPLETED.name())
        .set(EXPORTS.DOCUMENT, document)
        .set(EXPORTS.RELEASE_TIME, releaseTime)
        .set(EXPORTS.LEDGER_INDEX, ledgerIndex)
        .setNull(EXPORTS.FAILURE)
        .where(EXPORTS.ID.eq(id))
        .execute();
  }

  @Override
  public List<SentMail> mailsTo(String subjectId, int limit) {
    return dsl.select(OutboxTable.ID, OutboxTable.TOPIC, OutboxTable.REFERENCE, OutboxTable.TO_ADDRESS, OutboxTable.MAIL_SUBJECT,
            OutboxTable.DELIVERY_STATE, OutboxTable.CREATE_TIME, OutboxTable.DELIVER_TIME)
        .from(OutboxTable.TABLE)
        .where(OutboxTable.SUBJECT_ID.eq(subjectId))
        .orderBy(OutboxTable.CREATE_TIME, OutboxTable.ID)
        .limit(limit)
        .fetch(r -> new SentMail(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), MessageState.valueOf(r.value6()), r.value7(),
            Optional.ofNullable(r.value8())));
  }

  @Override
  public int deleteCreatedBefore(Instant cutoff) {
    return dsl.deleteFrom(EXPORTS).where(EXPORTS.CREATE_TIME.lt(cutoff)).execute();
  }

  private static SubjectExport toDomain(ExportsRecord r) {
    return new SubjectExport(r.getId(), r.getCaller(), Subject.fromKey(r.getSubjectKey()), ExportState.valueOf(r.getExportState()),
        Optional.ofNullable(r.getFailure()), Optional.ofNullable(r.getDocument()), r.getCreateTime(), Optional.ofNullable(r.getReleaseTime()),
        Optional.ofNullable(r.getLedgerIndex()));
  }
}
