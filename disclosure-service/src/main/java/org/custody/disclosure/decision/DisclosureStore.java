package org.custody.disclosure.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.ledger.Transaction;

/**
 * Persistence of decisions and of the subjects they name. A second decision with the same
 * caller and request id fails the transaction with a {@link org.custody.platform.db.WriteConflict}
 * (the request id's record, for the platform's request-id contract).
 */
public interface DisclosureStore {
  void insert(Transaction tx, Disclosure disclosure);

  Optional<Disclosure> find(String id);

  Optional<Disclosure> findByRequest(String caller, String requestId);

  /** The disclosure, locked until {@code tx} ends. */
  Optional<Disclosure> lock(Transaction tx, String id);

  /** Stores a re-decision (outcome, categories, rule, reason, recipient version, times, ledger index). */
  void updateDecision(Transaction tx, Disclosure disclosure);

  /** Stores a PENDING_NOTICE decision's progress (reason, earliest end of the notice period) without a new decision. */
  void updateProgress(String id, String reason, Instant noticePeriodEnd);

  /** Adds subjects learnt after the decision (a corporate transaction's project or all-subjects scope). */
  void addSubjects(Transaction tx, String id, List<SubjectDecision> subjects);

  /** The subjects recorded for a disclosure, in order, with their outcomes. */
  List<SubjectDecision> subjects(String id);

  void markReleased(Transaction tx, String id, Instant time, long ledgerIndex);

  /** Disclosures released with this subject's data, newest release first, before {@code beforeReleaseIndex}. */
  List<Disclosure> releasedWith(String subjectKey, Optional<Long> beforeReleaseIndex, int limit);
}
