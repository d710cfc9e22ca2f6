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
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.store.generated.tables.records.DisclosuresRecord;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.Subject;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

final class JooqDisclosureStore implements DisclosureStore {
  /** Decisions are the hot write: their rows are bound, not rendered (see RowShape); group commits send one INSERT per table. */
  private static final RowShape DISCLOSURE_ROWS = new RowShape("INSERT INTO disclosures (id, caller, request_id, request_hash, recipient_id,"
      + " recipient_version, scope_kind, scope_project, requested_categories, allowed_categories, purpose, basis, recipient_use,"
      + " case_reference, authority, request_reference, requested_by, outcome, decision_rule, reason, decide_time, expire_time,"
      + " notice_period_end_time, ledger_index) VALUES ", 24, 1000);
  private static final RowShape SUBJECT_ROWS = new RowShape(
      "INSERT INTO disclosure_subjects (disclosure_id, subject_position, subject_key, outcome, reason) VALUES ", 5, 1000);

  private final DSLContext dsl;

  JooqDisclosureStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void insert(Transaction tx, Disclosure d) {
    DisclosureRequest r = d.request();
    Decision decision = d.decision();
    JooqTransaction.deferRow(tx, DISCLOSURE_ROWS, d.id(), r.caller(), r.requestId(), r.requestHash(), r.recipientId(),
        d.recipientVersion(), r.scope().kind().name(), r.scope().project().orElse(null), EnumCsv.join(r.categories()),
        EnumCsv.join(decision.allowedCategories()), r.purpose().name(), r.basis().name(), r.use().name(),
        r.evidence().caseReference().orElse(null), r.evidence().authority().orElse(null), r.evidence().requestReference().orElse(null),
        r.requestedBy(), decision.outcome().name(), decision.rule(), decision.reason(), d.decideTime(), d.expireTime().orElse(null),
        d.noticePeriodEnd().orElse(null), d.ledgerIndex());
    deferSubjects(tx, d.id(), 0, decision.subjects());
  }

  private void deferSubjects(Transaction tx, String id, int firstPosition, List<SubjectDecision> subjects) {
    int position = firstPosition;
    for (SubjectDecision s : subjects) {
      JooqTransaction.deferRow(tx, SUBJECT_ROWS, id, position++, s.subject().key(), s.outcome().name(), truncate(s.reason(), 300));
    }
  }

  @Override
  public Optional<Disclosure> find(String id) {
    return dsl.selectFrom(DISCLOSURES).where(DISCLOSURES.ID.eq(id)).fetchOptional().map(r -> toDisclosure(r, subjects(dsl, List.of(id)).get(id)));
  }

  @Override
  public Optional<Disclosure> findByRequest(String caller, String requestId) {
    return dsl.selectFrom(DISCLOSURES).where(DISCLOSURES.CALLER.eq(caller), DISCLOSURES.REQUEST_ID.eq(requestId)).fetchOptional()
        .map(r -> toDisclosure(r, subjects(dsl, List.of(r.getId())).get(r.getId())));
  }

  @Override
  public Optional<Disclosure> lock(Transaction tx, String id) {
    DSLContext t = JooqTransaction.dsl(tx);
    return t.selectFrom(DISCLOSURES).where(DISCLOSURES.ID.eq(id)).forUpdate().fetchOptional()
        .map(r -> toDisclosure(r, subjects(t, List.of(id)).get(id)));
  }

  @Override
  public void updateDecision(Transaction tx, Disclosure d) {
    DSLContext t = JooqTransaction.dsl(tx);
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
    dsl.update(DISCLOSURES).set(DISCLOSURES.REASON, reason).set(DISCLOSURES.NOTICE_PERIOD_END_TIME, noticePeriodEnd)
        .where(DISCLOSURES.ID.eq(id), DISCLOSURES.OUTCOME.eq(Outcome.PENDING_NOTICE.name()))
        .execute();
  }

  @Override
  public void addSubjects(Transaction tx, String id, List<SubjectDecision> subjects) {
    Integer last = JooqTransaction.dsl(tx).select(org.jooq.impl.DSL.max(DISCLOSURE_SUBJECTS.SUBJECT_POSITION)).from(DISCLOSURE_SUBJECTS)
        .where(DISCLOSURE_SUBJECTS.DISCLOSURE_ID.eq(id)).fetchOne(0, Integer.class);
    for (int from = 0; from < subjects.size(); from += 1000) {
      deferSubjects(tx, id, (last == null ? 0 : last + 1) + from, subjects.subList(from, Math.min(subjects.size(), from + 1000)));
    }
  }

  @Override
  public List<SubjectDecision> subjects(String id) {
    return subjects(dsl, List.of(id)).get(id);
  }

  @Override
  public void markReleased(Transaction tx, String id, Instant time, long ledgerIndex) {
    JooqTransaction.dsl(tx).update(DISCLOSURES).set(DISCLOSURES.RELEASE_TIME, time).set(DISCLOSURES.RELEASE_LEDGER_INDEX, ledgerIndex)
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
    List<DisclosuresRecord> rows = dsl.select(DISCLOSURES.fields()).from(DISCLOSURE_SUBJECTS)
        .join(DISCLOSURES).on(DISCLOSURES.ID.eq(DISCLOSURE_SUBJECTS.DISCLOSURE_ID))
        .where(condition)
        .orderBy(DISCLOSURES.RELEASE_LEDGER_INDEX.desc())
        .limit(limit)
        .fetch(r -> r.into(DISCLOSURES));
    Map<String, List<SubjectDecision>> subjects = subjects(dsl, rows.stream().map(DisclosuresRecord::getId).toList());
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
