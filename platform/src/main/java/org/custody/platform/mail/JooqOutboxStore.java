package org.custody.platform.mail;

import static org.custody.platform.mail.OutboxTable.ATTEMPTS;
import static org.custody.platform.mail.OutboxTable.BODY;
import static org.custody.platform.mail.OutboxTable.CARRIES_SECRET;
import static org.custody.platform.mail.OutboxTable.CREATE_TIME;
import static org.custody.platform.mail.OutboxTable.DELIVERY_STATE;
import static org.custody.platform.mail.OutboxTable.DELIVER_TIME;
import static org.custody.platform.mail.OutboxTable.FAILURE;
import static org.custody.platform.mail.OutboxTable.ID;
import static org.custody.platform.mail.OutboxTable.JOURNAL_INDEX;
import static org.custody.platform.mail.OutboxTable.LEASE_UNTIL;
import static org.custody.platform.mail.OutboxTable.MAIL_SUBJECT;
import static org.custody.platform.mail.OutboxTable.NEXT_ATTEMPT_TIME;
import static org.custody.platform.mail.OutboxTable.PERMANENT_FAILURE;
import static org.custody.platform.mail.OutboxTable.REFERENCE;
import static org.custody.platform.mail.OutboxTable.SUBJECT_ID;
import static org.custody.platform.mail.OutboxTable.TABLE;
import static org.custody.platform.mail.OutboxTable.TOPIC;
import static org.custody.platform.mail.OutboxTable.TO_ADDRESS;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The outbox in the platform table {@code custody_mail_outbox}. Reads, claims and the retention
 * pass use the pool; inserts and outcomes run in the caller's transaction.
 */
public final class JooqOutboxStore implements OutboxStore {
  private final DSLContext dsl;

  public JooqOutboxStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void insert(OutboxTransaction tx, OutboxMessage m) {
    tx.execute(DSL.insertInto(TABLE)
        .set(ID, m.id())
        .set(TOPIC, m.mail().topic())
        .set(REFERENCE, m.mail().reference())
        .set(SUBJECT_ID, m.mail().subjectId().orElse(null))
        .set(TO_ADDRESS, m.mail().to())
        .set(MAIL_SUBJECT, m.mail().subject())
        .set(BODY, m.mail().body())
        .set(DELIVERY_STATE, m.state().name())
        .set(ATTEMPTS, m.attempts())
        .set(NEXT_ATTEMPT_TIME, m.nextAttemptTime().orElse(null))
        .set(PERMANENT_FAILURE, m.permanent())
        .set(CARRIES_SECRET, m.mail().carriesSecret())
        .set(CREATE_TIME, m.createTime()));
  }

  @Override
  public List<OutboxMessage> due(Instant now, int limit) {
    return dsl.select(OutboxTable.ALL).from(TABLE)
        .where(NEXT_ATTEMPT_TIME.le(now), LEASE_UNTIL.isNull().or(LEASE_UNTIL.lt(now)))
        .orderBy(NEXT_ATTEMPT_TIME)
        .limit(limit)
        .fetch(JooqOutboxStore::toMessage);
  }

  @Override
  public boolean claim(String id, Instant now, Instant leaseUntil) {
    // Still due: another instance may have attempted it since this one listed it, and set its
    // next attempt later (or delivered it).
    return dsl.update(TABLE).set(LEASE_UNTIL, leaseUntil)
        .where(ID.eq(id), NEXT_ATTEMPT_TIME.le(now), LEASE_UNTIL.isNull().or(LEASE_UNTIL.lt(now)))
        .execute() == 1;
  }

  @Override
  public void markDelivered(OutboxTransaction tx, String id, int attempts, Instant time, OptionalLong journalIndex) {
    tx.execute(DSL.update(TABLE)
        .set(DELIVERY_STATE, MessageState.DELIVERED.name())
        .set(ATTEMPTS, attempts)
        .set(DELIVER_TIME, time)
        .set(JOURNAL_INDEX, journalIndex.isPresent() ? journalIndex.getAsLong() : null)
        .setNull(NEXT_ATTEMPT_TIME)
        .setNull(LEASE_UNTIL)
        .setNull(FAILURE)
        .where(ID.eq(id)));
    forgetSecret(tx, id);
  }

  /** A message whose text held a token keeps it no longer than its delivery (or giving up). */
  private static void forgetSecret(OutboxTransaction tx, String id) {
    tx.execute(DSL.update(TABLE).set(BODY, "").where(ID.eq(id), CARRIES_SECRET.isTrue(), NEXT_ATTEMPT_TIME.isNull()));
  }

  @Override
  public void markFailed(OutboxTransaction tx, String id, int attempts, String failure, boolean permanent, Optional<Instant> nextAttempt) {
    tx.execute(DSL.update(TABLE)
        .set(DELIVERY_STATE, MessageState.FAILED.name())
        .set(ATTEMPTS, attempts)
        .set(FAILURE, failure)
        .set(PERMANENT_FAILURE, permanent)
        .set(NEXT_ATTEMPT_TIME, nextAttempt.orElse(null))
        .setNull(LEASE_UNTIL)
        .where(ID.eq(id)));
    forgetSecret(tx, id);
  }

  @Override
  public Map<String, OutboxMessage> find(Collection<String> ids) {
    Map<String, OutboxMessage> found = new HashMap<>();
    if (!ids.isEmpty()) {
      dsl.select(OutboxTable.ALL).from(TABLE).where(ID.in(ids)).forEach(r -> found.put(r.get(ID), toMessage(r)));
    }
    return found;
  }

  @Override
  public List<SentMail> sentTo(String subjectId, int limit) {
    return dsl.select(ID, TOPIC, REFERENCE, TO_ADDRESS, DELIVERY_STATE, CREATE_TIME, DELIVER_TIME).from(TABLE)
        .where(SUBJECT_ID.eq(subjectId))
        .orderBy(CREATE_TIME, ID)
        .limit(limit)
        .fetch(r -> new SentMail(r.get(ID), r.get(TOPIC), r.get(REFERENCE), r.get(TO_ADDRESS), MessageState.valueOf(r.get(DELIVERY_STATE)),
            r.get(CREATE_TIME), Optional.ofNullable(r.get(DELIVER_TIME))));
  }

  @Override
  public void forgetSubject(OutboxTransaction tx, String subjectId) {
    tx.execute(DSL.update(TABLE).set(DELIVERY_STATE, MessageState.FAILED.name()).set(FAILURE, "ERASED")
        .setNull(NEXT_ATTEMPT_TIME)
        .where(SUBJECT_ID.eq(subjectId), DELIVERY_STATE.ne(MessageState.DELIVERED.name())));
    tx.execute(DSL.update(TABLE).set(TO_ADDRESS, "").set(MAIL_SUBJECT, "").set(BODY, "").where(SUBJECT_ID.eq(subjectId)));
  }

  @Override
  public List<String> forgetFinished(Instant finishedBefore, String afterId, int limit) {
    // delivered before the cut-off, or given up (no attempt due, not delivered) and queued before it
    Condition finished = NEXT_ATTEMPT_TIME.isNull().and(TO_ADDRESS.ne(""))
        .and(DELIVER_TIME.lt(finishedBefore).or(DELIVER_TIME.isNull().and(CREATE_TIME.lt(finishedBefore))));
    List<String> ids = dsl.select(ID).from(TABLE).where(ID.gt(afterId), finished).orderBy(ID).limit(limit).fetch(ID);
    if (!ids.isEmpty()) {
      dsl.update(TABLE).set(TO_ADDRESS, "").set(MAIL_SUBJECT, "").set(BODY, "").where(ID.in(ids), finished).execute();
    }
    return ids;
  }

  private static OutboxMessage toMessage(Record r) {
    OutgoingMail mail = new OutgoingMail(r.get(TOPIC), r.get(REFERENCE), Optional.ofNullable(r.get(SUBJECT_ID)), r.get(TO_ADDRESS),
        r.get(MAIL_SUBJECT), r.get(BODY), Boolean.TRUE.equals(r.get(CARRIES_SECRET)));
    return new OutboxMessage(r.get(ID), mail, MessageState.valueOf(r.get(DELIVERY_STATE)), r.get(ATTEMPTS),
        Optional.ofNullable(r.get(NEXT_ATTEMPT_TIME)), Optional.ofNullable(r.get(FAILURE)), Boolean.TRUE.equals(r.get(PERMANENT_FAILURE)),
        r.get(CREATE_TIME), Optional.ofNullable(r.get(DELIVER_TIME)));
  }
}
