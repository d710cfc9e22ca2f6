package org.custody.disclosure.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Transaction;
import org.custody.platform.db.WriteConflict;

/**
 * Decisions and their subjects in maps, written on commit, for unit tests;
 * {@link DisclosureStoreContract} holds it to the jOOQ store's semantics: (caller, request id) is
 * unique, a decision's subjects are kept in order with their outcomes (and make up a named-subjects
 * scope when read back), a release is recorded once.
 */
public final class InMemoryDisclosureStore implements DisclosureStore {
  private static final int REASON_LIMIT = 300;

  private final Map<String, Disclosure> disclosures = new HashMap<>();
  private final Map<String, List<SubjectDecision>> subjects = new HashMap<>();
  private final Map<List<String>, String> byRequest = new HashMap<>();

  private void onCommit(Transaction tx, Runnable effect) {
    InMemoryTransactions.onCommit(tx, () -> {
      synchronized (this) {
        effect.run();
      }
    });
  }

  @Override
  public synchronized void insert(Transaction tx, Disclosure disclosure) {
    List<String> request = List.of(disclosure.request().caller(), disclosure.request().requestId());
    if (disclosures.containsKey(disclosure.id()) || byRequest.containsKey(request)) {
      // The unique keys refuse the row, and with it the whole transaction.
      throw new WriteConflict("a concurrent request wrote the same record; retry");
    }
    List<SubjectDecision> kept = disclosure.decision().subjects().stream().map(InMemoryDisclosureStore::truncated).toList();
    onCommit(tx, () -> {
      disclosures.put(disclosure.id(), disclosure);
      subjects.put(disclosure.id(), new ArrayList<>(kept));
      byRequest.put(request, disclosure.id());
    });
  }

  @Override
  public synchronized Optional<Disclosure> find(String id) {
    return Optional.ofNullable(disclosures.get(id)).map(this::asRead);
  }

  @Override
  public synchronized Optional<Disclosure> findByRequest(String caller, String requestId) {
    return Optional.ofNullable(byRequest.get(List.of(caller, requestId))).flatMap(this::find);
  }

  @Override
  public synchronized Optional<Disclosure> lock(Transaction tx, String id) {
    // In-memory transactions run one at a time: reading inside one is as good as a row lock.
    return find(id);
  }

  @Override
  public synchronized void updateDecision(Transaction tx, Disclosure d) {
    onCommit(tx, () -> {
      Disclosure stored = disclosures.get(d.id());
      if (stored == null) {
        return;
      }
      disclosures.put(d.id(), new Disclosure(d.id(), stored.request(), d.recipientVersion(), new Decision(d.outcome(),
          d.decision().allowedCategories(), d.decision().rule(), d.decision().reason(), List.of()), d.decideTime(), d.expireTime(),
          d.noticePeriodEnd(), d.ledgerIndex(), stored.release()));
      // Only corporate transfers are decided again, and all their subjects share the outcome.
      subjects.get(d.id()).replaceAll(s -> truncated(new SubjectDecision(s.subject(), d.outcome(), d.decision().reason())));
    });
  }

  @Override
  public synchronized void updateProgress(String id, String reason, Instant noticePeriodEnd) {
    Disclosure d = disclosures.get(id);
    if (d == null || d.outcome() != Outcome.PENDING_NOTICE) {
      return;
    }
    disclosures.put(id, new Disclosure(id, d.request(), d.recipientVersion(), new Decision(d.outcome(), d.decision().allowedCategories(),
        d.decision().rule(), reason, List.of()), d.decideTime(), d.expireTime(), Optional.of(noticePeriodEnd), d.ledgerIndex(), d.release()));
  }

  @Override
  public synchronized void addSubjects(Transaction tx, String id, List<SubjectDecision> added) {
    List<SubjectDecision> kept = added.stream().map(InMemoryDisclosureStore::truncated).toList();
    onCommit(tx, () -> subjects.computeIfAbsent(id, k -> new ArrayList<>()).addAll(kept));
  }

  @Override
  public synchronized List<SubjectDecision> subjects(String id) {
    return List.copyOf(subjects.getOrDefault(id, List.of()));
  }

  @Override
  public synchronized void markReleased(Transaction tx, String id, Instant time, long ledgerIndex) {
    onCommit(tx, () -> disclosures.computeIfPresent(id, (k, d) -> d.release().isPresent() ? d : new Disclosure(id, d.request(),
        d.recipientVersion(), d.decision(), d.decideTime(), d.expireTime(), d.noticePeriodEnd(), d.ledgerIndex(),
        Optional.of(new Disclosure.Release(time, ledgerIndex)))));
  }

  @Override
  public synchronized List<Disclosure> releasedWith(String subjectKey, Optional<Long> beforeReleaseIndex, int limit) {
    return disclosures.values().stream()
        .filter(d -> d.release().filter(r -> beforeReleaseIndex.map(before -> r.ledgerIndex() < before).orElse(true)).isPresent())
        .filter(d -> subjects.get(d.id()).stream().anyMatch(s -> s.subject().key().equals(subjectKey) && s.outcome() != Outcome.DENIED))
        .sorted(Comparator.comparing((Disclosure d) -> d.release().orElseThrow().ledgerIndex()).reversed())
        .limit(limit)
        .map(this::asRead)
        .toList();
  }

  /** As the jOOQ store reads a row back: the subjects from their own rows, which are a named-subjects scope's subjects too. */
  private Disclosure asRead(Disclosure d) {
    List<SubjectDecision> kept = List.copyOf(subjects.getOrDefault(d.id(), List.of()));
    DisclosureRequest r = d.request();
    Scope scope = r.scope().kind() == Scope.Kind.SUBJECTS ? Scope.subjects(kept.stream().map(SubjectDecision::subject).toList()) : r.scope();
    DisclosureRequest request = new DisclosureRequest(r.recipientId(), scope, r.categories(), r.purpose(), r.basis(), r.use(), r.evidence(),
        r.requestedBy(), r.caller(), r.requestId(), r.requestHash());
    Decision decision = new Decision(d.outcome(), d.decision().allowedCategories(), d.decision().rule(), d.decision().reason(), kept);
    return new Disclosure(d.id(), request, d.recipientVersion(), decision, d.decideTime(), d.expireTime(), d.noticePeriodEnd(),
        d.ledgerIndex(), d.release());
  }

  private static SubjectDecision truncated(SubjectDecision s) {
    return s.reason().length() <= REASON_LIMIT ? s : new SubjectDecision(s.subject(), s.outcome(), s.reason().substring(0, REASON_LIMIT));
  }
}
