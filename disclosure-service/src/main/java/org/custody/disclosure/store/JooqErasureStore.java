package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.CONSENTS;
import static org.custody.disclosure.store.generated.Tables.DISCLOSURE_SUBJECTS;
import static org.custody.disclosure.store.generated.Tables.ERASURES;
import static org.custody.disclosure.store.generated.Tables.ERASURE_NOTICES;
import static org.custody.disclosure.store.generated.Tables.ERASURE_STEPS;
import static org.custody.disclosure.store.generated.Tables.EXPORTS;
import static org.custody.disclosure.store.generated.Tables.POLICY_ACKNOWLEDGEMENTS;
import static org.custody.disclosure.store.generated.Tables.SUBJECT_PSEUDONYMS;
import static org.custody.disclosure.store.generated.Tables.TRANSFER_NOTICES;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.erasure.Erasure;
import org.custody.disclosure.erasure.ErasureState;
import org.custody.disclosure.erasure.ErasureStep;
import org.custody.disclosure.erasure.ErasureStore;
import org.custody.disclosure.erasure.LeafErasures;
import org.custody.disclosure.erasure.ServiceReceipt;
import org.custody.disclosure.erasure.StepState;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.OutboxTable;
import org.custody.disclosure.store.generated.tables.records.ErasureStepsRecord;
import org.custody.disclosure.store.generated.tables.records.ErasuresRecord;
import org.custody.platform.subject.Subject;
import org.custody.platform.classification.DataCategory;
import org.jooq.Condition;
import org.custody.platform.db.WriteConflict;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class JooqErasureStore implements ErasureStore {
  private static final Gson GSON = new Gson();
  /** A subject key after completion, for a subject known by e-mail: their (now unlinked) pseudonym. */
  private static final String EMAIL_SUBJECT_MARK = "/emailSubjects/";
  private static final String DISCLOSURE = "disclosure";

  private final StoreContext db;

  JooqErasureStore(StoreContext db) {
    this.db = db;
  }

  @Override
  public void insert(NewErasure n) {
    Erasure e = n.erasure();
    db.defer(DSL.insertInto(ERASURES)
        .set(ERASURES.ID, e.id())
        .set(ERASURES.CALLER, n.caller())
        .set(ERASURES.REQUEST_ID, n.requestId())
        .set(ERASURES.REQUEST_HASH, n.requestHash())
        .set(ERASURES.PROJECT, e.project())
        .set(ERASURES.SUBJECT_KEY, n.subjectKey())
        .set(ERASURES.ACTIVE_SUBJECT_KEY, n.subjectKey())
        .set(ERASURES.SUBJECT_LEDGER_ID, e.subjectLedgerId())
        .set(ERASURES.ERASURE_STATE, e.state().name())
        .set(ERASURES.ADDRESS_KNOWN, n.receiptAddress().isPresent())
        .set(ERASURES.RECEIPT_ADDRESS, n.receiptAddress().map(LeafErasures.ReceiptAddress::email).orElse(null))
        .set(ERASURES.RECEIPT_NAME, n.receiptAddress().flatMap(LeafErasures.ReceiptAddress::name).orElse(null))
        .set(ERASURES.MAIL_REDACTED, false)
        .set(ERASURES.CREATE_TIME, e.createTime())
        .set(ERASURES.LEDGER_INDEX, e.ledgerIndex()));
    var steps = DSL.insertInto(ERASURE_STEPS, ERASURE_STEPS.ERASURE_ID, ERASURE_STEPS.SERVICE, ERASURE_STEPS.STEP_POSITION,
        ERASURE_STEPS.STEP_STATE, ERASURE_STEPS.STEP_REQUEST_ID, ERASURE_STEPS.ATTEMPTS, ERASURE_STEPS.NEXT_ATTEMPT_TIME);
    int position = 0;
    for (ErasureStep s : e.steps()) {
      steps = steps.values(e.id(), s.service(), position++, s.state().name(), s.requestId(), s.attempts(), s.nextAttemptTime().orElse(null));
    }
    db.defer(steps);
    // Now, so a duplicate request or a second saga for the subject surfaces as a WriteConflict here.
    db.sendHeldBack();
  }

  @Override
  public Optional<Erasure> find(String id) {
    return read(db.dsl(), ERASURES.ID.eq(id)).stream().findFirst();
  }

  @Override
  public Optional<Requested> findByRequest(String caller, String requestId) {
    Optional<ErasuresRecord> row = db.dsl().selectFrom(ERASURES).where(ERASURES.CALLER.eq(caller), ERASURES.REQUEST_ID.eq(requestId)).fetchOptional();
    return row.map(r -> new Requested(assemble(db.dsl(), List.of(r)).get(0), r.getRequestHash()));
  }

  @Override
  public Optional<Erasure> activeFor(String subjectKey) {
    return read(db.dsl(), ERASURES.ACTIVE_SUBJECT_KEY.eq(subjectKey)).stream().findFirst();
  }

  @Override
  public List<Erasure> list(Optional<Cursor> after, int limit) {
    Condition condition = DSL.trueCondition();
    if (after.isPresent()) {
      Cursor c = after.get();
      condition = ERASURES.CREATE_TIME.lt(c.createTime()).or(ERASURES.CREATE_TIME.eq(c.createTime()).and(ERASURES.ID.lt(c.id())));
    }
    List<ErasuresRecord> rows = db.dsl().selectFrom(ERASURES).where(condition).orderBy(ERASURES.CREATE_TIME.desc(), ERASURES.ID.desc())
        .limit(limit).fetch();
    return assemble(db.dsl(), rows);
  }

  @Override
  public List<DueStep> due(Instant now, int limit) {
    return db.dsl().select(ERASURE_STEPS.ERASURE_ID, ERASURE_STEPS.SERVICE, ERASURE_STEPS.STEP_REQUEST_ID, ERASURE_STEPS.ATTEMPTS,
            ERASURES.SUBJECT_KEY, ERASURES.ADDRESS_KNOWN)
        .from(ERASURE_STEPS).join(ERASURES).on(ERASURES.ID.eq(ERASURE_STEPS.ERASURE_ID))
        .where(ERASURE_STEPS.NEXT_ATTEMPT_TIME.le(now), ERASURE_STEPS.STEP_STATE.eq(StepState.PENDING.name()),
            ERASURE_STEPS.SERVICE.ne(DISCLOSURE), ERASURES.ERASURE_STATE.eq(ErasureState.IN_PROGRESS.name()),
            ERASURE_STEPS.LEASE_UNTIL.isNull().or(ERASURE_STEPS.LEASE_UNTIL.lt(now)))
        .orderBy(ERASURE_STEPS.NEXT_ATTEMPT_TIME)
        .limit(limit)
        .fetch(r -> new DueStep(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
  }

  @Override
  public boolean claim(String erasureId, String service, Instant now, Instant leaseUntil) {
    return db.dsl().update(ERASURE_STEPS).set(ERASURE_STEPS.LEASE_UNTIL, leaseUntil)
        .where(step(erasureId, service), ERASURE_STEPS.STEP_STATE.eq(StepState.PENDING.name()),
            ERASURE_STEPS.LEASE_UNTIL.isNull().or(ERASURE_STEPS.LEASE_UNTIL.lt(now)))
        .execute() == 1;
  }

  @Override
  public void postpone(String erasureId, String service, int attempts, Instant nextAttempt, String failure) {
    db.dsl().update(ERASURE_STEPS)
        .set(ERASURE_STEPS.ATTEMPTS, attempts)
        .set(ERASURE_STEPS.NEXT_ATTEMPT_TIME, nextAttempt)
        .set(ERASURE_STEPS.LAST_FAILURE, failure.length() > 100 ? failure.substring(0, 100) : failure)
        .setNull(ERASURE_STEPS.LEASE_UNTIL)
        .where(step(erasureId, service), ERASURE_STEPS.STEP_STATE.eq(StepState.PENDING.name()))
        .execute();
  }

  @Override
  public void captureAddress(String erasureId, Optional<LeafErasures.ReceiptAddress> address) {
    db.dsl().update(ERASURES)
        .set(ERASURES.ADDRESS_KNOWN, true)
        .set(ERASURES.RECEIPT_ADDRESS, address.map(LeafErasures.ReceiptAddress::email).orElse(null))
        .set(ERASURES.RECEIPT_NAME, address.flatMap(LeafErasures.ReceiptAddress::name).orElse(null))
        .where(ERASURES.ID.eq(erasureId), ERASURES.ADDRESS_KNOWN.isFalse())
        .execute();
  }

  @Override
  public void confirm(String erasureId, String service, int attempts, ServiceReceipt receipt, long ledgerIndex) {
    int updated = confirmStep(db.dsl(), erasureId, service, attempts, receipt, ledgerIndex);
    if (updated != 1) {
      throw new WriteConflict("the step was confirmed concurrently");
    }
  }

  private static int confirmStep(DSLContext dsl, String erasureId, String service, int attempts, ServiceReceipt receipt, long ledgerIndex) {
    return dsl.update(ERASURE_STEPS)
        .set(ERASURE_STEPS.STEP_STATE, receipt.state().name())
        .set(ERASURE_STEPS.ATTEMPTS, attempts)
        .setNull(ERASURE_STEPS.NEXT_ATTEMPT_TIME)
        .setNull(ERASURE_STEPS.LEASE_UNTIL)
        .setNull(ERASURE_STEPS.LAST_FAILURE)
        .set(ERASURE_STEPS.RECEIPT_ID, receipt.id())
        .set(ERASURE_STEPS.ERASE_TIME, receipt.eraseTime())
        .set(ERASURE_STEPS.ERASED_ITEMS, GSON.toJson(receipt.erased().stream().map(e -> new StoredErased(e.kind(), e.count())).toList()))
        .set(ERASURE_STEPS.RETAINED_ITEMS, GSON.toJson(receipt.kept().stream().map(k -> new StoredKept(k.kind(), k.count(), k.legalBasis(),
            k.purgeTime().map(Instant::toString).orElse(null), k.categories().stream().map(Enum::name).toList())).toList()))
        .set(ERASURE_STEPS.CONFIRM_LEDGER_INDEX, ledgerIndex)
        .where(ERASURE_STEPS.ERASURE_ID.eq(erasureId), ERASURE_STEPS.SERVICE.eq(service), ERASURE_STEPS.STEP_STATE.eq(StepState.PENDING.name()))
        .execute();
  }

  @Override
  public List<String> readyToComplete(int limit) {
    return db.dsl().select(ERASURES.ID).from(ERASURES)
        .where(ERASURES.ERASURE_STATE.eq(ErasureState.IN_PROGRESS.name()))
        .andNotExists(DSL.selectOne().from(ERASURE_STEPS).where(ERASURE_STEPS.ERASURE_ID.eq(ERASURES.ID),
            ERASURE_STEPS.SERVICE.ne(DISCLOSURE), ERASURE_STEPS.STEP_STATE.eq(StepState.PENDING.name())))
        .orderBy(ERASURES.CREATE_TIME)
        .limit(limit)
        .fetch(ERASURES.ID);
  }

  @Override
  public Optional<Locked> lock(String id) {
    DSLContext t = db.dsl();
    Optional<ErasuresRecord> row = t.selectFrom(ERASURES).where(ERASURES.ID.eq(id)).forUpdate().fetchOptional();
    return row.map(r -> new Locked(assemble(t, List.of(r)).get(0), r.getSubjectKey(),
        Optional.ofNullable(r.getReceiptAddress()).map(a -> new LeafErasures.ReceiptAddress(a, Optional.ofNullable(r.getReceiptName())))));
  }

  @Override
  public OwnRecords eraseOwnRecords(String subjectKey, String ledgerId) {
    DSLContext t = db.dsl();
    long consents = t.deleteFrom(CONSENTS).where(CONSENTS.SUBJECT_KEY.eq(subjectKey)).execute();
    long pseudonyms = t.deleteFrom(SUBJECT_PSEUDONYMS).where(SUBJECT_PSEUDONYMS.SUBJECT_KEY.eq(subjectKey)).execute();
    long exports = t.deleteFrom(EXPORTS).where(EXPORTS.SUBJECT_KEY.eq(subjectKey)).execute();
    // An account's acknowledgements of policy versions go too (their ledger entries, ids only, stay);
    // the campaign rows naming it as a primary account holder are delivery records like the mails.
    long acknowledgements = t.deleteFrom(POLICY_ACKNOWLEDGEMENTS).where(POLICY_ACKNOWLEDGEMENTS.ACCOUNT.eq(subjectKey)).execute();
    // Mails to the subject keep their delivery record (the ledger names them) without address or text;
    // any not yet sent is given up.
    t.update(OutboxTable.TABLE).set(OutboxTable.DELIVERY_STATE, MessageState.FAILED.name()).set(OutboxTable.FAILURE, "ERASED")
        .setNull(OutboxTable.NEXT_ATTEMPT_TIME)
        .where(OutboxTable.SUBJECT_ID.eq(ledgerId), OutboxTable.DELIVERY_STATE.ne(MessageState.DELIVERED.name()))
        .execute();
    long mails = t.update(OutboxTable.TABLE).set(OutboxTable.TO_ADDRESS, "").set(OutboxTable.MAIL_SUBJECT, "").set(OutboxTable.BODY, "")
        .where(OutboxTable.SUBJECT_ID.eq(ledgerId))
        .execute();
    // The free text ledger entries commit to goes, with the keys that could open the commitments;
    // the decisions keep their ids and codes, not the evidence references or who asked.
    long ledgerTexts = t.execute("DELETE FROM ledger_texts WHERE subject_id = ?", ledgerId);
    // The index of staff reads of the subject goes (their ledger entries, ids and codes only, stay).
    t.execute("DELETE FROM staff_accesses WHERE subject_id IN (?, ?)", subjectKey, ledgerId);
    long disclosureTexts = t.execute("UPDATE disclosures SET case_reference = NULL, authority = NULL, request_reference = NULL,"
        + " requested_by = '' WHERE id IN (SELECT disclosure_id FROM disclosure_subjects WHERE subject_key IN (?, ?))", subjectKey, ledgerId);
    long rekeyed = 0;
    if (!subjectKey.equals(ledgerId)) {
      // Keys holding an address become the address-free ledger id: decisions and campaigns keep their shape.
      rekeyed += t.update(DISCLOSURE_SUBJECTS).set(DISCLOSURE_SUBJECTS.SUBJECT_KEY, ledgerId)
          .where(DISCLOSURE_SUBJECTS.SUBJECT_KEY.eq(subjectKey)).execute();
      rekeyed += t.update(TRANSFER_NOTICES).set(TRANSFER_NOTICES.SUBJECT_KEY, ledgerId)
          .where(TRANSFER_NOTICES.SUBJECT_KEY.eq(subjectKey)).execute();
    }
    return new OwnRecords(consents, pseudonyms, exports, mails, rekeyed, acknowledgements, ledgerTexts, disclosureTexts);
  }

  @Override
  public void complete(String id, Instant time, long ledgerIndex, String ownService, ServiceReceipt ownReceipt,
      List<Notice> notices, Optional<String> receiptMessageId, String finalSubjectKey) {
    DSLContext t = db.dsl();
    var update = t.update(ERASURES)
        .set(ERASURES.ERASURE_STATE, ErasureState.COMPLETED.name())
        .set(ERASURES.COMPLETE_TIME, time)
        .set(ERASURES.COMPLETE_LEDGER_INDEX, ledgerIndex)
        .setNull(ERASURES.ACTIVE_SUBJECT_KEY)
        .set(ERASURES.SUBJECT_KEY, finalSubjectKey)
        .set(ERASURES.RECEIPT_MESSAGE_ID, receiptMessageId.orElse(null));
    if (receiptMessageId.isEmpty()) {
      update = update.setNull(ERASURES.RECEIPT_ADDRESS).setNull(ERASURES.RECEIPT_NAME).set(ERASURES.MAIL_REDACTED, true);
    }
    update.where(ERASURES.ID.eq(id)).execute();
    confirmStep(t, id, ownService, 1, ownReceipt, ledgerIndex);
    for (Notice n : notices) {
      db.defer(DSL.insertInto(ERASURE_NOTICES).set(ERASURE_NOTICES.ERASURE_ID, id)
          .set(ERASURE_NOTICES.RECIPIENT_ID, n.recipientId()).set(ERASURE_NOTICES.MESSAGE_ID, n.messageId().orElse(null)));
    }
  }

  @Override
  public List<String> receiptsSent(int limit) {
    return db.dsl().select(ERASURES.ID).from(ERASURES).join(OutboxTable.TABLE).on(OutboxTable.ID.eq(ERASURES.RECEIPT_MESSAGE_ID))
        .where(ERASURES.MAIL_REDACTED.isFalse(), ERASURES.ERASURE_STATE.eq(ErasureState.COMPLETED.name()),
            OutboxTable.DELIVERY_STATE.eq(MessageState.DELIVERED.name())
                .or(OutboxTable.DELIVERY_STATE.eq(MessageState.FAILED.name()).and(OutboxTable.NEXT_ATTEMPT_TIME.isNull())))
        .limit(limit)
        .fetch(ERASURES.ID);
  }

  @Override
  public void forgetReceiptAddress(String id) {
    // One transaction (joined if the caller runs one), as every store's: the address goes from both rows or neither.
    db.transactions().run(() -> {
      DSLContext t = db.dsl();
      String messageId = t.select(ERASURES.RECEIPT_MESSAGE_ID).from(ERASURES).where(ERASURES.ID.eq(id)).forUpdate().fetchOne(ERASURES.RECEIPT_MESSAGE_ID);
      if (messageId != null) {
        t.update(OutboxTable.TABLE).set(OutboxTable.TO_ADDRESS, "").set(OutboxTable.BODY, "").where(OutboxTable.ID.eq(messageId)).execute();
      }
      t.update(ERASURES).setNull(ERASURES.RECEIPT_ADDRESS).setNull(ERASURES.RECEIPT_NAME).set(ERASURES.MAIL_REDACTED, true)
          .where(ERASURES.ID.eq(id)).execute();
    });
  }

  @Override
  public Totals totals() {
    long inProgress = 0;
    long completed = 0;
    Optional<Instant> oldest = Optional.empty();
    for (var row : db.dsl().select(ERASURES.ERASURE_STATE, DSL.count(), DSL.min(ERASURES.CREATE_TIME)).from(ERASURES)
        .groupBy(ERASURES.ERASURE_STATE).fetch()) {
      if (ErasureState.IN_PROGRESS.name().equals(row.value1())) {
        inProgress = row.value2();
        oldest = Optional.ofNullable(row.value3());
      } else {
        completed += row.value2();
      }
    }
    return new Totals(inProgress, completed, oldest);
  }

  private static Condition step(String erasureId, String service) {
    return ERASURE_STEPS.ERASURE_ID.eq(erasureId).and(ERASURE_STEPS.SERVICE.eq(service));
  }

  private static List<Erasure> read(DSLContext dsl, Condition condition) {
    return assemble(dsl, dsl.selectFrom(ERASURES).where(condition).fetch());
  }

  /** The erasures of {@code rows} with their steps and notices, in the rows' order. */
  private static List<Erasure> assemble(DSLContext dsl, List<ErasuresRecord> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = rows.stream().map(ErasuresRecord::getId).toList();
    Map<String, List<ErasureStep>> steps = new LinkedHashMap<>();
    dsl.selectFrom(ERASURE_STEPS).where(ERASURE_STEPS.ERASURE_ID.in(ids)).orderBy(ERASURE_STEPS.ERASURE_ID, ERASURE_STEPS.STEP_POSITION)
        .forEach(s -> steps.computeIfAbsent(s.getErasureId(), k -> new ArrayList<>()).add(toStep(s)));
    Map<String, List<String>> notices = new LinkedHashMap<>();
    dsl.selectFrom(ERASURE_NOTICES).where(ERASURE_NOTICES.ERASURE_ID.in(ids)).orderBy(ERASURE_NOTICES.ERASURE_ID, ERASURE_NOTICES.RECIPIENT_ID)
        .forEach(n -> notices.computeIfAbsent(n.getErasureId(), k -> new ArrayList<>()).add("recipients/" + n.getRecipientId()));
    List<Erasure> erasures = new ArrayList<>();
    for (ErasuresRecord r : rows) {
      Optional<Subject> subject = r.getSubjectKey().contains(EMAIL_SUBJECT_MARK) ? Optional.empty() : Optional.of(Subject.fromKey(r.getSubjectKey()));
      erasures.add(new Erasure(r.getId(), r.getProject(), subject, r.getSubjectLedgerId(), ErasureState.valueOf(r.getErasureState()),
          steps.getOrDefault(r.getId(), List.of()), notices.getOrDefault(r.getId(), List.of()), r.getCreateTime(),
          Optional.ofNullable(r.getCompleteTime()), r.getLedgerIndex(), Optional.ofNullable(r.getCompleteLedgerIndex())));
    }
    return erasures;
  }

  private static ErasureStep toStep(ErasureStepsRecord s) {
    StepState state = StepState.valueOf(s.getStepState());
    Optional<ServiceReceipt> receipt = Optional.empty();
    if (state != StepState.PENDING && s.getReceiptId() != null) {
      List<StoredErased> erased = GSON.fromJson(s.getErasedItems(), new TypeToken<List<StoredErased>>() {}.getType());
      List<StoredKept> kept = GSON.fromJson(s.getRetainedItems(), new TypeToken<List<StoredKept>>() {}.getType());
      receipt = Optional.of(new ServiceReceipt(s.getReceiptId(), s.getEraseTime(),
          erased.stream().map(e -> new ServiceReceipt.Erased(e.kind(), e.count())).toList(),
          kept.stream().map(k -> new ServiceReceipt.Kept(k.kind(), k.count(), k.legalBasis(),
              Optional.ofNullable(k.purgeTime()).map(Instant::parse),
              k.categories().stream().flatMap(c -> DataCategory.parse(c).stream()).toList())).toList()));
    }
    return new ErasureStep(s.getService(), state, s.getStepRequestId(), s.getAttempts(), Optional.ofNullable(s.getNextAttemptTime()),
        Optional.ofNullable(s.getLastFailure()), receipt);
  }

  /** An erased item as kept in {@code erased_items} (JSON). */
  private record StoredErased(String kind, long count) {}

  /** A retained item as kept in {@code retained_items} (JSON). */
  private record StoredKept(String kind, long count, String legalBasis, String purgeTime, List<String> categories) {}
}
