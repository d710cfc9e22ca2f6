package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.MAIL_OUTBOX;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.mail.MessageState;
import org.custody.disclosure.mail.OutboxMessage;
import org.custody.disclosure.mail.OutboxStore;
import org.custody.disclosure.mail.OutgoingMail;
import org.custody.disclosure.store.generated.tables.records.MailOutboxRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;

final class JooqOutboxStore implements OutboxStore {
  private final DSLContext dsl;

  JooqOutboxStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void insert(Transaction tx, OutboxMessage m) {
    JooqTransaction.defer(tx, dsl.insertInto(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.ID, m.id())
        .set(MAIL_OUTBOX.TOPIC, m.mail().topic())
        .set(MAIL_OUTBOX.REFERENCE, m.mail().reference())
        .set(MAIL_OUTBOX.SUBJECT_ID, m.mail().subjectId().orElse(null))
        .set(MAIL_OUTBOX.TO_ADDRESS, m.mail().to())
        .set(MAIL_OUTBOX.MAIL_SUBJECT, m.mail().subject())
        .set(MAIL_OUTBOX.BODY, m.mail().body())
        .set(MAIL_OUTBOX.DELIVERY_STATE, m.state().name())
        .set(MAIL_OUTBOX.ATTEMPTS, m.attempts())
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_TIME, m.nextAttemptTime().orElse(null))
        .set(MAIL_OUTBOX.PERMANENT_FAILURE, m.permanent())
        .set(MAIL_OUTBOX.CREATE_TIME, m.createTime()));
  }

  @Override
  public List<OutboxMessage> due(Instant now, int limit) {
    return dsl.selectFrom(MAIL_OUTBOX)
        .where(MAIL_OUTBOX.NEXT_ATTEMPT_TIME.le(now), MAIL_OUTBOX.LEASE_UNTIL.isNull().or(MAIL_OUTBOX.LEASE_UNTIL.lt(now)))
        .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_TIME)
        .limit(limit)
        .fetch(JooqOutboxStore::toMessage);
  }

  @Override
  public boolean claim(String id, Instant now, Instant leaseUntil) {
    return dsl.update(MAIL_OUTBOX).set(MAIL_OUTBOX.LEASE_UNTIL, leaseUntil)
        .where(MAIL_OUTBOX.ID.eq(id), MAIL_OUTBOX.NEXT_ATTEMPT_TIME.isNotNull(),
            MAIL_OUTBOX.LEASE_UNTIL.isNull().or(MAIL_OUTBOX.LEASE_UNTIL.lt(now)))
        .execute() == 1;
  }

  @Override
  public void markDelivered(Transaction tx, String id, int attempts, Instant time, long ledgerIndex) {
    JooqTransaction.dsl(tx).update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.DELIVERY_STATE, MessageState.DELIVERED.name())
        .set(MAIL_OUTBOX.ATTEMPTS, attempts)
        .set(MAIL_OUTBOX.DELIVER_TIME, time)
        .set(MAIL_OUTBOX.LEDGER_INDEX, ledgerIndex)
        .setNull(MAIL_OUTBOX.NEXT_ATTEMPT_TIME)
        .setNull(MAIL_OUTBOX.LEASE_UNTIL)
        .setNull(MAIL_OUTBOX.FAILURE)
        .where(MAIL_OUTBOX.ID.eq(id))
        .execute();
  }

  @Override
  public void markFailed(Transaction tx, String id, int attempts, String failure, boolean permanent, Optional<Instant> nextAttempt) {
    JooqTransaction.dsl(tx).update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.DELIVERY_STATE, MessageState.FAILED.name())
        .set(MAIL_OUTBOX.ATTEMPTS, attempts)
        .set(MAIL_OUTBOX.FAILURE, failure)
        .set(MAIL_OUTBOX.PERMANENT_FAILURE, permanent)
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_TIME, nextAttempt.orElse(null))
        .setNull(MAIL_OUTBOX.LEASE_UNTIL)
        .where(MAIL_OUTBOX.ID.eq(id))
        .execute();
  }

  @Override
  public Map<String, OutboxMessage> find(Collection<String> ids) {
    Map<String, OutboxMessage> found = new HashMap<>();
    if (!ids.isEmpty()) {
      dsl.selectFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.ID.in(ids)).forEach(r -> found.put(r.getId(), toMessage(r)));
    }
    return found;
  }

  @Override
  public List<String> forgetFinished(Instant finishedBefore, String afterId, int limit) {
    // delivered before the cut-off, or given up (no attempt due, not delivered) and queued before it
    Condition finished = MAIL_OUTBOX.NEXT_ATTEMPT_TIME.isNull().and(MAIL_OUTBOX.TO_ADDRESS.ne(""))
        .and(MAIL_OUTBOX.DELIVER_TIME.lt(finishedBefore)
            .or(MAIL_OUTBOX.DELIVER_TIME.isNull().and(MAIL_OUTBOX.CREATE_TIME.lt(finishedBefore))));
    List<String> ids = dsl.select(MAIL_OUTBOX.ID).from(MAIL_OUTBOX).where(MAIL_OUTBOX.ID.gt(afterId), finished)
        .orderBy(MAIL_OUTBOX.ID).limit(limit).fetch(MAIL_OUTBOX.ID);
    if (!ids.isEmpty()) {
      dsl.update(MAIL_OUTBOX).set(MAIL_OUTBOX.TO_ADDRESS, "").set(MAIL_OUTBOX.MAIL_SUBJECT, "").set(MAIL_OUTBOX.BODY, "")
          .where(MAIL_OUTBOX.ID.in(ids), finished)
          .execute();
    }
    return ids;
  }

  private static OutboxMessage toMessage(MailOutboxRecord r) {
    OutgoingMail mail = new OutgoingMail(r.getTopic(), r.getReference(), Optional.ofNullable(r.getSubjectId()), r.getToAddress(),
        r.getMailSubject(), r.getBody());
    return new OutboxMessage(r.getId(), mail, MessageState.valueOf(r.getDeliveryState()), r.getAttempts(),
        Optional.ofNullable(r.getNextAttemptTime()), Optional.ofNullable(r.getFailure()), Boolean.TRUE.equals(r.getPermanentFailure()),
        r.getCreateTime(), Optional.ofNullable(r.getDeliverTime()));
  }
}
