package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.DISCLOSURES;
import static org.custody.disclosure.store.generated.Tables.DISCLOSURE_SUBJECTS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.decision.Decision;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureBasis;
import org.custody.disclosure.decision.DisclosureRequest;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.decision.Evidence;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.decision.RecipientUse;
import org.custody.disclosure.decision.Scope;
import org.custody.disclosure.decision.SubjectDecision;
import org.custody.disclosure.store.generated.tables.records.DisclosuresRecord;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.Subject;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

final class JooqDisclosureStore implements DisclosureStore {
  /** Decisions are the hot write: a group commit sends one INSERT per table for all its decisions. */
  private static final RowShape DISCLOSURE_ROWS = RowShape.of(DISCLOSURES, 1000, DISCLOSURES.ID, DISCLOSURES.CALLER,
      DISCLOSURES.REQUEST_ID, DISCLOSURES.REQUEST_HASH, DISCLOSURES.RECIPIENT_ID, DISCLOSURES.RECIPIENT_VERSION, DISCLOSURES.SCOPE_KIND,
      DISCLOSURES.SCOPE_PROJECT, DISCLOSURES.REQUESTED_CATEGORIES, DISCLOSURES.ALLOWED_CATEGORIES, DISCLOSURES.PURPOSE, DISCLOSURES.BASIS,
      DISCLOSURES.RECIPIENT_USE, DISCLOSURES.CASE_REFERENCE, DISCLOSURES.AUTHORITY, DISCLOSURES.REQUEST_REFERENCE, DISCLOSURES.REQUESTED_BY,
      DISCLOSURES.OUTCOME, DISCLOSURES.DECISION_RULE, DISCLOSURES.REASON, DISCLOSURES.DECIDE_TIME, DISCLOSURES.EXPIRE_TIME,
      DISCLOSURES.NOTICE_PERIOD_END_TIME, DISCLOSURES.LEDGER_INDEX);
  private static final RowShape SUBJECT_ROWS = RowShape.of(DISCLOSURE_SUBJECTS, 1000, DISCLOSURE_SUBJECTS.DISCLOSURE_ID,
      DISCLOSURE_SUBJECTS.SUBJECT_POSITION, DISCLOSURE_SUBJECTS.SUBJECT_KEY, DISCLOSURE_SUBJECTS.OUTCOME, DISCLOSURE_SUBJECTS.REASON);

  private final StoreContext db;

  JooqDisclosureStore(StoreContext db) {
    this.db = db;
  }

  @Override
  public void insert(Disclosure d) {
    DisclosureRequest r = d.request();
    Decision decision = d.decision();
    db.deferRow(DISCLOSURE_ROWS, d.id(), r.caller(), r.requestId(), r.requestHash(), r.recipientId(),
        d.recipientVersion(), r.scope().kind().name(), r.scope().project().orElse(null), EnumCsv.join(r.categories()),
        EnumCsv.join(decision.allowedCategories()), r.purpose().name(), r.basis().name(), r.use().name(),
        r.evidence().caseReference().orElse(null), r.evidence().authority().orElse(null), r.evidence().requestReference().orElse(null),
        r.requestedBy(), decision.outcome().name(), decision.rule(), decision.reason(), d.decideTime(), d.expireTime().orElse(null),
        d.noticePeriodEnd().orElse(null), d.ledgerIndex());
    deferSubjects(d.id(), 0, decision.subjects());
  }

  private void deferSubjects(String id, int firstPosition, List<SubjectDecision> subjects) {
    int position = firstPosition;
    for (SubjectDecision s : subjects) {
      db.deferRow(SUBJECT_ROWS, id, position++, s.subject().key(), s.outcome().name(), truncate(s.reason(), 300));
    }
  }

  @Override
  public Optional<Disclosure> find(String id) {
    return db.dsl().selectFrom(DISCLOSURES).where(DISCLOSURES.ID.eq(id)).fetchOptional().map(r -> toDisclosure(r, subjects(db.dsl(), List.of(id)).get(id)));
  }

  @Override
  public Optional<Disclosure> findByRequest(String caller, String requestId) {
    return db.dsl().selectFrom(DISCLOSURES).where(DISCLOSURES.CALLER.eq(caller), DISCLOSURES.REQUEST_ID.eq(requestId)).fetchOptional()
        .map(r -> toDisclosure(r, subjects(db.dsl(), List.of(r.getId())).get(r.getId())));
  }

  @Override
  public Optional<Disclosure> lock(String id) {
    DSLContext t = db.dsl();
    return t.selectFrom(DISCLOSURES).where(DISCLOSURES.ID.eq(id)).forUpdate().fetchOptional()
        .map(r -> toDisclosure(r, subjects(t, List.of(id)).get(id)));
  }

  @Override
  public void updateDecision(Disclosure d) {
    DSLContext t = db.dsl();
    t.update(DISCLOSURES)
        .set(DISCLOSURES.RECIPIENT_VERSION, d.recipientVersion())
        .set(DISCLOSURES.ALLOWED_CATEGORIES, EnumCsv.join(d.decision().allowedCategories()))
        .set(DISCLOSURES.OUTCOME, d.outcome().name())
        .set(DISCLOSURES.DECISION_RULE, d.decision().rule())
        .set(DISCLOSURES.REASON, d.decision().reason())
        .set(DISCLOSURES.DECIDE_TIME, d.decideTime())
        .set(DISCLOSURES.EXPIRE_TIME, d.expireTime().orElse(null))
        .set(DISCLOSURES.NOTICE_PERIOD_END_TIME, d.noticePeriodEnd().orElse(null))
        .set(DISCLOSURES.LEDGER_INDEX, d.ledgerIndex())
        .where(DISCLOSURES.ID.eq(d.id()))
        .execute();
    // Only corporate transfers are decided again, and all their subjects share the outcome.
    t.update(DISCLOSURE_SUBJECTS)
        .set(DISCLOSURE_SUBJECTS.OUTCOME, d.outcome().name())
        .set(DISCLOSURE_SUBJECTS.REASON, truncate(d.decision().reason(), 300))
        .where(DISCLOSURE_SUBJECTS.DISCLOSURE_ID.eq(d.id()))
        .execute();
  }

  @Override
  public void updateProgress(String id, String reason, Instant noticePeriodEnd) {
    db.dsl().update(DISCLOSURES).set(DISCLOSURES.REASON, reason).set(DISCLOSURES.NOTICE_PERIOD_END_TIME, noticePeriodEnd)
        .where(DISCLOSURES.ID.eq(id), DISCLOSURES.OUTCOME.eq(Outcome.PENDING_NOTICE.name()))
        .execute();
  }

  @Override
  public void addSubjects(String id, List<SubjectDecision> subjects) {
    Integer last = db.dsl().select(org.jooq.impl.DSL.max(DISCLOSURE_SUBJECTS.SUBJECT_POSITION)).from(DISCLOSURE_SUBJECTS)
        .where(DISCLOSURE_SUBJECTS.DISCLOSURE_ID.eq(id)).fetchOne(0, Integer.class);
    for (int from = 0; from < subjects.size(); from += 1000) {
      deferSubjects(id, (last == null ? 0 : last + 1) + from, subjects.subList(from, Math.min(subjects.size(), from + 1000)));
    }
  }

  @Override
  public List<SubjectDecision> subjects(String id) {
    return subjects(db.dsl(), List.of(id)).get(id);
  }

  @Override
  public void markReleased(String id, Instant time, long ledgerIndex) {
    db.dsl().update(DISCLOSURES).set(DISCLOSURES.RELEASE_TIME, time).set(DISCLOSURES.RELEASE_LEDGER_INDEX, ledgerIndex)
        .where(DISCLOSURES.ID.eq(id), DISCLOSURES.RELEASE_LEDGER_INDEX.isNull())
        .execute();
  }

  @Override
  public List<Disclosure> releasedWith(String subjectKey, Optional<Long> beforeReleaseIndex, int limit) {
    Condition condition = DISCLOSURE_SUBJECTS.SUBJECT_KEY.eq(subjectKey)
        .and(DISCLOSURE_SUBJECTS.OUTCOME.ne(Outcome.DENIED.name()))
        .and(DISCLOSURES.RELEASE_LEDGER_INDEX.isNotNull());
    if (beforeReleaseIndex.isPresent()) {
      condition = condition.and(DISCLOSURES.RELEASE_LEDGER_INDEX.lt(beforeReleaseIndex.get()));
    }
    List<DisclosuresRecord> rows = db.dsl().select(DISCLOSURES.fields()).from(DISCLOSURE_SUBJECTS)
        .join(DISCLOSURES).on(DISCLOSURES.ID.eq(DISCLOSURE_SUBJECTS.DISCLOSURE_ID))
        .where(condition)
        .orderBy(DISCLOSURES.RELEASE_LEDGER_INDEX.desc())
        .limit(limit)
        .fetch(r -> r.into(DISCLOSURES));
    Map<String, List<SubjectDecision>> subjects = subjects(db.dsl(), rows.stream().map(DisclosuresRecord::getId).toList());
    return rows.stream().map(r -> toDisclosure(r, subjects.get(r.getId()))).toList();
  }

  private static Map<String, List<SubjectDecision>> subjects(DSLContext dsl, List<String> ids) {
    Map<String, List<SubjectDecision>> byDisclosure = new LinkedHashMap<>();
    ids.forEach(id -> byDisclosure.put(id, new ArrayList<>()));
    if (ids.isEmpty()) {
      return byDisclosure;
    }
    for (Record r : dsl.select(DISCLOSURE_SUBJECTS.DISCLOSURE_ID, DISCLOSURE_SUBJECTS.SUBJECT_KEY, DISCLOSURE_SUBJECTS.OUTCOME,
            DISCLOSURE_SUBJECTS.REASON)
        .from(DISCLOSURE_SUBJECTS).where(DISCLOSURE_SUBJECTS.DISCLOSURE_ID.in(ids))
        .orderBy(DISCLOSURE_SUBJECTS.DISCLOSURE_ID, DISCLOSURE_SUBJECTS.SUBJECT_POSITION)
        .fetch()) {
      byDisclosure.get(r.get(DISCLOSURE_SUBJECTS.DISCLOSURE_ID)).add(new SubjectDecision(Subject.fromKey(r.get(DISCLOSURE_SUBJECTS.SUBJECT_KEY)),
          Outcome.valueOf(r.get(DISCLOSURE_SUBJECTS.OUTCOME)), r.get(DISCLOSURE_SUBJECTS.REASON)));
    }
    return byDisclosure;
  }

  private static Disclosure toDisclosure(DisclosuresRecord r, List<SubjectDecision> subjects) {
    Scope.Kind kind = Scope.Kind.valueOf(r.getScopeKind());
    Scope scope = switch (kind) {
      case SUBJECTS -> Scope.subjects(subjects.stream().map(SubjectDecision::subject).toList());
      case PROJECT -> Scope.project(r.getScopeProject());
      case ALL_SUBJECTS -> Scope.allSubjects();
    };
    DisclosureRequest request = new DisclosureRequest(r.getRecipientId(), scope,
        EnumCsv.split(r.getRequestedCategories(), DataCategory.class), Purpose.valueOf(r.getPurpose()),
        DisclosureBasis.valueOf(r.getBasis()), RecipientUse.valueOf(r.getRecipientUse()),
        new Evidence(Optional.ofNullable(r.getCaseReference()), Optional.ofNullable(r.getAuthority()), Optional.ofNullable(r.getRequestReference())),
        r.getRequestedBy(), r.getCaller(), r.getRequestId(), r.getRequestHash());
    Decision decision = new Decision(Outcome.valueOf(r.getOutcome()), EnumCsv.split(r.getAllowedCategories(), DataCategory.class),
        r.getDecisionRule(), r.getReason(), subjects);
    Optional<Disclosure.Release> release = r.getReleaseLedgerIndex() == null ? Optional.empty()
        : Optional.of(new Disclosure.Release(r.getReleaseTime(), r.getReleaseLedgerIndex()));
    return new Disclosure(r.getId(), request, r.getRecipientVersion(), decision, r.getDecideTime(), Optional.ofNullable(r.getExpireTime()),
        Optional.ofNullable(r.getNoticePeriodEndTime()), r.getLedgerIndex(), release);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
