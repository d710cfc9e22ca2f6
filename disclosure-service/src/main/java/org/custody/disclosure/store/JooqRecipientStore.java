package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.RECIPIENTS;
import static org.custody.disclosure.store.generated.Tables.RECIPIENT_VERSIONS;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
  private final DSLContext dsl;

  JooqRecipientStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void insertFirstVersion(Recipient r) {
    try {
      dsl.transaction(tx -> {
        tx.dsl().insertInto(RECIPIENTS)
            .set(RECIPIENTS.ID, r.id()).set(RECIPIENTS.CURRENT_VERSION, r.version()).set(RECIPIENTS.CREATE_TIME, r.updateTime())
            .execute();
        tx.dsl().insertInto(RECIPIENT_VERSIONS)
            .set(RECIPIENT_VERSIONS.RECIPIENT_ID, r.id())
            .set(RECIPIENT_VERSIONS.VERSION, r.version())
            .set(RECIPIENT_VERSIONS.DISPLAY_NAME, r.displayName())
            .set(RECIPIENT_VERSIONS.KIND, r.kind().name())
            .set(RECIPIENT_VERSIONS.PERMITTED_PURPOSES, join(r.permittedPurposes()))
            .set(RECIPIENT_VERSIONS.PERMITTED_CATEGORIES, join(r.permittedCategories()))
            .set(RECIPIENT_VERSIONS.NDA_REFERENCE, r.nda().map(Recipient.Nda::reference).orElse(null))
            .set(RECIPIENT_VERSIONS.NDA_START_TIME, r.nda().map(Recipient.Nda::start).orElse(null))
            .set(RECIPIENT_VERSIONS.NDA_END_TIME, r.nda().map(Recipient.Nda::end).orElse(null))
            .set(RECIPIENT_VERSIONS.CONTROLLING_ENTITY, r.controllingEntity().orElse(null))
            .set(RECIPIENT_VERSIONS.NOTICE_EMAIL, r.noticeEmail().orElse(null))
            .set(RECIPIENT_VERSIONS.UPDATE_TIME, r.updateTime())
            .execute();
      });
    } catch (IntegrityConstraintViolationException e) {
      throw DomainException.of(ErrorKind.ALREADY_EXISTS, "RECIPIENT_ALREADY_EXISTS", "a recipient with this id already exists");
    }
  }

  @Override
  public Optional<Recipient> findCurrent(String id) {
    return dsl.select(RECIPIENT_VERSIONS.fields()).from(RECIPIENTS)
        .join(RECIPIENT_VERSIONS).on(RECIPIENT_VERSIONS.RECIPIENT_ID.eq(RECIPIENTS.ID), RECIPIENT_VERSIONS.VERSION.eq(RECIPIENTS.CURRENT_VERSION))
        .where(RECIPIENTS.ID.eq(id))
        .fetchOptional(r -> toRecipient(r.into(RECIPIENT_VERSIONS)));
  }

  private static Recipient toRecipient(RecipientVersionsRecord r) {
    Optional<Recipient.Nda> nda = r.getNdaReference() == null ? Optional.empty()
        : Optional.of(new Recipient.Nda(r.getNdaReference(), r.getNdaStartTime(), r.getNdaEndTime()));
    return new Recipient(r.getRecipientId(), r.getVersion(), r.getDisplayName(), RecipientKind.valueOf(r.getKind()),
        split(r.getPermittedPurposes(), Purpose.class), split(r.getPermittedCategories(), DataCategory.class), nda,
        Optional.ofNullable(r.getControllingEntity()), Optional.ofNullable(r.getNoticeEmail()), r.getUpdateTime());
  }

  private static String join(Set<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private static <E extends Enum<E>> Set<E> split(String csv, Class<E> type) {
    Set<E> values = EnumSet.noneOf(type);
    Arrays.stream(csv.split(",")).filter(s -> !s.isEmpty()).forEach(s -> values.add(Enum.valueOf(type, s)));
    return values;
  }
}
