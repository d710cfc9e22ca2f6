package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.TRANSFER_CAMPAIGNS;
import static org.custody.disclosure.store.generated.Tables.TRANSFER_NOTICES;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.OutboxTable;
import org.custody.disclosure.transfer.TransferNoticeStore;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

final class JooqTransferNoticeStore implements TransferNoticeStore {
  private final StoreContext db;

  JooqTransferNoticeStore(StoreContext db) {
    this.db = db;
  }

  @Override
  public void openCampaign(String disclosureId, Instant now) {
    db.defer(DSL.insertInto(TRANSFER_CAMPAIGNS)
        .set(TRANSFER_CAMPAIGNS.DISCLOSURE_ID, disclosureId)
        .set(TRANSFER_CAMPAIGNS.ATTEMPTS, 0)
        .set(TRANSFER_CAMPAIGNS.NEXT_ATTEMPT_TIME, now));
  }

  @Override
  public List<Campaign> unresolved(Instant now, int limit) {
    return db.dsl().selectFrom(TRANSFER_CAMPAIGNS)
        .where(TRANSFER_CAMPAIGNS.NEXT_ATTEMPT_TIME.le(now), TRANSFER_CAMPAIGNS.RESOLVE_TIME.isNull())
        .orderBy(TRANSFER_CAMPAIGNS.NEXT_ATTEMPT_TIME)
        .limit(limit)
        .fetch(r -> new Campaign(r.getDisclosureId(), Optional.empty(), r.getAttempts(), Optional.ofNullable(r.getLastFailure())));
  }

  @Override
  public Optional<Campaign> campaign(String disclosureId) {
    return db.dsl().selectFrom(TRANSFER_CAMPAIGNS).where(TRANSFER_CAMPAIGNS.DISCLOSURE_ID.eq(disclosureId))
        .fetchOptional(r -> new Campaign(r.getDisclosureId(), Optional.ofNullable(r.getResolveTime()), r.getAttempts(),
            Optional.ofNullable(r.getLastFailure())));
  }

  @Override
  public boolean markResolved(String disclosureId, Instant time) {
    return db.dsl().update(TRANSFER_CAMPAIGNS)
        .set(TRANSFER_CAMPAIGNS.RESOLVE_TIME, time)
        .setNull(TRANSFER_CAMPAIGNS.NEXT_ATTEMPT_TIME)
        .where(TRANSFER_CAMPAIGNS.DISCLOSURE_ID.eq(disclosureId), TRANSFER_CAMPAIGNS.RESOLVE_TIME.isNull())
        .execute() == 1;
  }

  @Override
  public void insertNotices(String disclosureId, List<StoredNotice> notices) {
    for (int from = 0; from < notices.size(); from += 1000) {
      var insert = DSL.insertInto(TRANSFER_NOTICES, TRANSFER_NOTICES.DISCLOSURE_ID, TRANSFER_NOTICES.SUBJECT_POSITION,
          TRANSFER_NOTICES.SUBJECT_KEY, TRANSFER_NOTICES.MESSAGE_ID);
      for (StoredNotice n : notices.subList(from, Math.min(notices.size(), from + 1000))) {
        insert = insert.values(disclosureId, n.position(), n.subjectKey(), n.messageId().orElse(null));
      }
      db.defer(insert);
    }
  }

  @Override
  public void postpone(String disclosureId, int attempts, Instant nextAttempt, String failure) {
    db.dsl().update(TRANSFER_CAMPAIGNS).set(TRANSFER_CAMPAIGNS.ATTEMPTS, attempts).set(TRANSFER_CAMPAIGNS.NEXT_ATTEMPT_TIME, nextAttempt)
        .set(TRANSFER_CAMPAIGNS.LAST_FAILURE, failure.length() > 100 ? failure.substring(0, 100) : failure)
        .where(TRANSFER_CAMPAIGNS.DISCLOSURE_ID.eq(disclosureId), TRANSFER_CAMPAIGNS.RESOLVE_TIME.isNull())
        .execute();
  }

  @Override
  public List<StoredNotice> notices(String disclosureId, int afterPosition, int limit) {
    return db.dsl().selectFrom(TRANSFER_NOTICES)
        .where(TRANSFER_NOTICES.DISCLOSURE_ID.eq(disclosureId), TRANSFER_NOTICES.SUBJECT_POSITION.gt(afterPosition))
        .orderBy(TRANSFER_NOTICES.SUBJECT_POSITION)
        .limit(limit)
        .fetch(r -> new StoredNotice(r.getSubjectPosition(), r.getSubjectKey(), Optional.ofNullable(r.getMessageId())));
  }

  @Override
  public List<StoredNotice> allNotices(String disclosureId) {
    return notices(disclosureId, -1, Integer.MAX_VALUE);
  }

  @Override
  public DeliveryCounts deliveryCounts(String disclosureId) {
    var delivered = DSL.sum(DSL.when(OutboxTable.DELIVERY_STATE.eq(MessageState.DELIVERED.name()), 1).otherwise(0));
    var givenUp = DSL.sum(DSL.when(OutboxTable.ID.isNull(), 1)
        .when(OutboxTable.DELIVERY_STATE.eq(MessageState.FAILED.name()).and(OutboxTable.NEXT_ATTEMPT_TIME.isNull()), 1)
        .otherwise(0));
    var last = DSL.max(OutboxTable.DELIVER_TIME);
    Record r = db.dsl().select(DSL.count(), delivered, givenUp, last)
        .from(TRANSFER_NOTICES).leftJoin(OutboxTable.TABLE).on(OutboxTable.ID.eq(TRANSFER_NOTICES.MESSAGE_ID))
        .where(TRANSFER_NOTICES.DISCLOSURE_ID.eq(disclosureId))
        .fetchOne();
    return new DeliveryCounts(r.get(0, Long.class), orZero(r.get(1, Long.class)), orZero(r.get(2, Long.class)), Optional.ofNullable(r.get(last)));
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
