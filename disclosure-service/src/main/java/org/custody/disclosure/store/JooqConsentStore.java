package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.CONSENTS;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.consent.CaptureMethod;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.consent.ConsentStore;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.store.generated.tables.records.ConsentsRecord;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.Subject;
import org.jooq.Condition;
import org.jooq.DSLContext;

final class JooqConsentStore implements ConsentStore {
  private final DSLContext dsl;

  JooqConsentStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void insert(Transaction tx, Consent c) {
    JooqTransaction.defer(tx, dsl.insertInto(CONSENTS)
        .set(CONSENTS.ID, c.id())
        .set(CONSENTS.SUBJECT_KEY, c.subject().key())
        .set(CONSENTS.RECIPIENT_ID, c.recipientId())
        .set(CONSENTS.PURPOSES, EnumCsv.join(c.purposes()))
        .set(CONSENTS.CATEGORIES, EnumCsv.join(c.categories()))
        .set(CONSENTS.EXPIRE_TIME, c.expireTime().orElse(null))
        .set(CONSENTS.POLICY_VERSION, c.policyVersion())
        .set(CONSENTS.CAPTURE_METHOD, c.captureMethod().name())
        .set(CONSENTS.CAPTURE_REFERENCE, c.captureReference().orElse(null))
        .set(CONSENTS.GRANT_TIME, c.grantTime())
        .set(CONSENTS.GRANT_LEDGER_INDEX, c.grantLedgerIndex()));
  }

  @Override
  public Optional<Consent> lock(Transaction tx, String id) {
    return JooqTransaction.dsl(tx).selectFrom(CONSENTS).where(CONSENTS.ID.eq(id)).forUpdate().fetchOptional(JooqConsentStore::toConsent);
  }

  @Override
  public void markRevoked(Transaction tx, String id, Instant time, long ledgerIndex) {
    JooqTransaction.dsl(tx).update(CONSENTS).set(CONSENTS.REVOKE_TIME, time).set(CONSENTS.REVOKE_LEDGER_INDEX, ledgerIndex)
        .where(CONSENTS.ID.eq(id)).execute();
  }

  @Override
  public Optional<Consent> find(String id) {
    return dsl.selectFrom(CONSENTS).where(CONSENTS.ID.eq(id)).fetchOptional(JooqConsentStore::toConsent);
  }

  @Override
  public List<Consent> list(String subjectKey, Optional<Instant> liveAt, Optional<Cursor> after, int limit) {
    Condition condition = CONSENTS.SUBJECT_KEY.eq(subjectKey);
    if (liveAt.isPresent()) {
      condition = condition.and(live(liveAt.get()));
    }
    if (after.isPresent()) {
      Cursor c = after.get();
      condition = condition.and(CONSENTS.GRANT_TIME.lt(c.grantTime()).or(CONSENTS.GRANT_TIME.eq(c.grantTime()).and(CONSENTS.ID.lt(c.id()))));
    }
    return dsl.selectFrom(CONSENTS).where(condition).orderBy(CONSENTS.GRANT_TIME.desc(), CONSENTS.ID.desc()).limit(limit)
        .fetch(JooqConsentStore::toConsent);
  }

  @Override
  public List<Consent> live(Collection<String> subjectKeys, String recipientId, Instant now) {
    if (subjectKeys.isEmpty()) {
      return List.of();
    }
    return dsl.selectFrom(CONSENTS)
        .where(CONSENTS.RECIPIENT_ID.eq(recipientId), CONSENTS.SUBJECT_KEY.in(subjectKeys), live(now))
        .fetch(JooqConsentStore::toConsent);
  }

  private static Condition live(Instant now) {
    return CONSENTS.REVOKE_TIME.isNull().and(CONSENTS.EXPIRE_TIME.isNull().or(CONSENTS.EXPIRE_TIME.gt(now)));
  }

  private static Consent toConsent(ConsentsRecord r) {
    return new Consent(r.getId(), Subject.fromKey(r.getSubjectKey()), r.getRecipientId(),
        EnumCsv.split(r.getPurposes(), Purpose.class), EnumCsv.split(r.getCategories(), DataCategory.class),
        Optional.ofNullable(r.getExpireTime()), r.getPolicyVersion(), CaptureMethod.valueOf(r.getCaptureMethod()),
        Optional.ofNullable(r.getCaptureReference()), r.getGrantTime(), Optional.ofNullable(r.getRevokeTime()),
        r.getGrantLedgerIndex(), Optional.ofNullable(r.getRevokeLedgerIndex()));
  }
}
