package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.RECIPIENTS;
import static org.custody.disclosure.store.generated.Tables.RECIPIENT_VERSIONS;

import java.util.List;
import java.util.Optional;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.disclosure.recipient.RecipientStore;
import org.custody.disclosure.store.generated.tables.records.RecipientVersionsRecord;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

final class JooqRecipientStore implements RecipientStore {
  private final StoreContext db;

  JooqRecipientStore(StoreContext db) {
    this.db = db;
  }

  @Override
  public void insertFirstVersion(Recipient r) {
    DSLContext t = db.dsl();
    try {
      t.insertInto(RECIPIENTS)
          .set(RECIPIENTS.ID, r.id()).set(RECIPIENTS.CURRENT_VERSION, r.version()).set(RECIPIENTS.CREATE_TIME, r.updateTime())
          .execute();
    } catch (IntegrityConstraintViolationException e) {
      throw DomainException.of(ErrorKind.ALREADY_EXISTS, "RECIPIENT_ALREADY_EXISTS", "a recipient with this id already exists");
    }
    insertVersion(t, r);
  }

  @Override
  public Optional<Recipient> lockCurrent(String id) {
    DSLContext t = db.dsl();
    return t.select(RECIPIENTS.CURRENT_VERSION).from(RECIPIENTS).where(RECIPIENTS.ID.eq(id)).forUpdate().fetchOptional(RECIPIENTS.CURRENT_VERSION)
        .flatMap(version -> t.selectFrom(RECIPIENT_VERSIONS)
            .where(RECIPIENT_VERSIONS.RECIPIENT_ID.eq(id), RECIPIENT_VERSIONS.VERSION.eq(version))
            .fetchOptional(JooqRecipientStore::toRecipient));
  }

  @Override
  public void insertNextVersion(Recipient r) {
    DSLContext t = db.dsl();
    insertVersion(t, r);
    int updated = t.update(RECIPIENTS).set(RECIPIENTS.CURRENT_VERSION, r.version())
        .where(RECIPIENTS.ID.eq(r.id()), RECIPIENTS.CURRENT_VERSION.eq(r.version() - 1))
        .execute();
    if (updated != 1) {
      throw DomainException.of(ErrorKind.ABORTED, "RECIPIENT_CHANGED_CONCURRENTLY", "the recipient changed meanwhile; retry");
    }
  }

  private static void insertVersion(DSLContext t, Recipient r) {
    t.insertInto(RECIPIENT_VERSIONS)
        .set(RECIPIENT_VERSIONS.RECIPIENT_ID, r.id())
        .set(RECIPIENT_VERSIONS.VERSION, r.version())
        .set(RECIPIENT_VERSIONS.DISPLAY_NAME, r.displayName())
        .set(RECIPIENT_VERSIONS.KIND, r.kind().name())
        .set(RECIPIENT_VERSIONS.PERMITTED_PURPOSES, EnumCsv.join(r.permittedPurposes()))
        .set(RECIPIENT_VERSIONS.PERMITTED_CATEGORIES, EnumCsv.join(r.permittedCategories()))
        .set(RECIPIENT_VERSIONS.NDA_REFERENCE, r.nda().map(Recipient.Nda::reference).orElse(null))
        .set(RECIPIENT_VERSIONS.NDA_START_TIME, r.nda().map(Recipient.Nda::start).orElse(null))
        .set(RECIPIENT_VERSIONS.NDA_END_TIME, r.nda().map(Recipient.Nda::end).orElse(null))
        .set(RECIPIENT_VERSIONS.CONTROLLING_ENTITY, r.controllingEntity().orElse(null))
        .set(RECIPIENT_VERSIONS.NOTICE_EMAIL, r.noticeEmail().orElse(null))
        .set(RECIPIENT_VERSIONS.UPDATE_TIME, r.updateTime())
        .execute();
  }

  @Override
  public Optional<Recipient> findCurrent(String id) {
    return db.dsl().select(RECIPIENT_VERSIONS.fields()).from(RECIPIENTS)
        .join(RECIPIENT_VERSIONS).on(RECIPIENT_VERSIONS.RECIPIENT_ID.eq(RECIPIENTS.ID), RECIPIENT_VERSIONS.VERSION.eq(RECIPIENTS.CURRENT_VERSION))
        .where(RECIPIENTS.ID.eq(id))
        .fetchOptional(r -> toRecipient(r.into(RECIPIENT_VERSIONS)));
  }

  @Override
  public Optional<Recipient> findVersion(String id, long version) {
    return db.dsl().selectFrom(RECIPIENT_VERSIONS).where(RECIPIENT_VERSIONS.RECIPIENT_ID.eq(id), RECIPIENT_VERSIONS.VERSION.eq(version))
        .fetchOptional(JooqRecipientStore::toRecipient);
  }

  @Override
  public List<Recipient> list(String afterId, int limit) {
    return db.dsl().select(RECIPIENT_VERSIONS.fields()).from(RECIPIENTS)
        .join(RECIPIENT_VERSIONS).on(RECIPIENT_VERSIONS.RECIPIENT_ID.eq(RECIPIENTS.ID), RECIPIENT_VERSIONS.VERSION.eq(RECIPIENTS.CURRENT_VERSION))
        .where(RECIPIENTS.ID.gt(afterId))
        .orderBy(RECIPIENTS.ID)
        .limit(limit)
        .fetch(r -> toRecipient(r.into(RECIPIENT_VERSIONS)));
  }

  @Override
  public List<Recipient> versions(String id) {
    return db.dsl().selectFrom(RECIPIENT_VERSIONS).where(RECIPIENT_VERSIONS.RECIPIENT_ID.eq(id)).orderBy(RECIPIENT_VERSIONS.VERSION)
        .fetch(JooqRecipientStore::toRecipient);
  }

  private static Recipient toRecipient(RecipientVersionsRecord r) {
    Optional<Recipient.Nda> nda = r.getNdaReference() == null ? Optional.empty()
        : Optional.of(new Recipient.Nda(r.getNdaReference(), r.getNdaStartTime(), r.getNdaEndTime()));
    return new Recipient(r.getRecipientId(), r.getVersion(), r.getDisplayName(), RecipientKind.valueOf(r.getKind()),
        EnumCsv.split(r.getPermittedPurposes(), Purpose.class), EnumCsv.split(r.getPermittedCategories(), DataCategory.class), nda,
        Optional.ofNullable(r.getControllingEntity()), Optional.ofNullable(r.getNoticeEmail()), r.getUpdateTime());
  }
}
