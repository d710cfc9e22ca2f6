package org.custody.disclosure.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.consent.ConsentStore;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.LedgerText;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.idempotency.RequestReplay;
import org.custody.platform.subject.Subject;

/**
 * Decides disclosure requests (P7-P11) and records every decision in the ledger together with
 * the stored decision, in one transaction. A request retried with the same request id gets the
 * stored decision back and adds nothing to the ledger: the stored decision's unique key on
 * (caller, request id) rolls the retry's transaction back, so no look-up is paid on the common path
 * ({@link RequestReplay#firstOrRecorded}, the platform's request-id contract).
 */
public final class Disclosures {
  private final DisclosureStore store;
  private final Recipients recipients;
  private final ConsentStore consents;
  private final SubjectPseudonyms pseudonyms;
  private final NoticeCampaigns campaigns;
  private final DisclosureRules rules;
  private final Ledger ledger;
  private final DecisionMetrics metrics;
  private final Clock clock;
  private final Duration packageLifetime;

  /** Whether decisions may be made on the ledger now; throws when not. */
  @FunctionalInterface
  public interface LedgerTrust {
    void checkTrusted();
  }

  private final LedgerTrust trust;

  public Disclosures(DisclosureStore store, Recipients recipients, ConsentStore consents, SubjectPseudonyms pseudonyms,
      NoticeCampaigns campaigns, DisclosureRules rules, Ledger ledger, DecisionMetrics metrics, Clock clock, Duration packageLifetime) {
    this(store, recipients, consents, pseudonyms, campaigns, rules, ledger, metrics, clock, packageLifetime, () -> {});
  }

  /**
   * @param trust refuses a decision while the ledger is untrusted ({@link org.custody.disclosure.ledger.LedgerIncidents#checkTrusted})
   */
  public Disclosures(DisclosureStore store, Recipients recipients, ConsentStore consents, SubjectPseudonyms pseudonyms,
      NoticeCampaigns campaigns, DisclosureRules rules, Ledger ledger, DecisionMetrics metrics, Clock clock, Duration packageLifetime,
      LedgerTrust trust) {
    this.trust = trust;
    this.store = store;
    this.recipients = recipients;
    this.consents = consents;
    this.pseudonyms = pseudonyms;
    this.campaigns = campaigns;
    this.rules = rules;
    this.ledger = ledger;
    this.metrics = metrics;
    this.clock = clock;
    this.packageLifetime = packageLifetime;
  }

  /**
   * Decides {@code request}, or returns the decision already taken for its request id.
   *
   * @param callPurpose the purpose the caller declared for this call; it must be the disclosure's
   */
  public Disclosure request(DisclosureRequest request, Purpose callPurpose) {
    trust.checkTrusted();
    if (callPurpose != request.purpose()) {
      throw DomainException.of(ErrorKind.PERMISSION_DENIED, "PURPOSE_MISMATCH",
          "a disclosure is requested for the purpose the call declares");
    }
    Recipient recipient = recipients.forDecision(request.recipientId());
    rules.checkPreconditions(request);
    Instant now = clock.instant();
    Map<Subject, List<Consent>> live = request.basis() == DisclosureBasis.CONSENT ? liveConsents(request) : Map.of();
    Decision decision = rules.decide(request, recipient, live, NoticeStatus.notStarted(), now);
    Map<Subject, String> subjectIds = pseudonyms.ledgerIds(request.scope().subjects());
    DecisionTexts texts = DecisionTexts.of(request, subjectIds.values());
    String id = UUID.randomUUID().toString();
    // The stored decision's unique key on (caller, request id) is the request's record: a retry,
    // or a concurrent twin, loses it at commit and nothing of its attempt is committed.
    RequestReplay.Answer<Disclosure> answer = RequestReplay.firstOrRecorded(() -> {
      return ledger.write(batch -> {
        Disclosure d = new Disclosure(id, request, recipient.version(), decision, now, expiry(decision, now),
            noticeEnd(decision, NoticeStatus.notStarted(), now), -1, Optional.empty());
        long index = batch.append("disclosure.decided", entryBody(d, subjectIds, texts, false));
        Disclosure stored = new Disclosure(id, request, d.recipientVersion(), decision, now, d.expireTime(), d.noticePeriodEnd(), index,
            Optional.empty());
        store.insert(batch.tx(), stored);
        if (decision.outcome() == Outcome.PENDING_NOTICE) {
          campaigns.open(batch.tx(), stored);
        }
        return stored;
      });
    }, () -> earlierDecision(request));
    if (answer.replayed()) {
      return answer.value(); // the decision stored the first time; counted then
    }
    Disclosure decided = answer.value();
    metrics.decided(decision.outcome(), request.basis());
    if (decision.outcome() == Outcome.PENDING_NOTICE) {
      campaigns.nudge();
    }
    return decided;
  }

  public Disclosure get(String id) {
    return store.find(id).orElseThrow(() -> DomainException.notFound("disclosure"));
  }

  /**
   * Decides a PENDING_NOTICE disclosure again against the current recipient version and the
   * notices delivered so far (P10). A changed outcome is a new decision in the ledger.
   */
  public Disclosure reevaluate(String id) {
    Disclosure current = get(id);
    if (current.outcome() != Outcome.PENDING_NOTICE) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "DISCLOSURE_NOT_PENDING", "only a PENDING_NOTICE decision is decided again");
    }
    Recipient recipient = recipients.get(current.request().recipientId());
    NoticeStatus notices = campaigns.status(id);
    Instant now = clock.instant();
    Decision decision = rules.decide(current.request(), recipient, Map.of(), notices, now);
    Optional<Instant> noticeEnd = noticeEnd(decision, notices, now);
    if (decision.outcome() == Outcome.PENDING_NOTICE) {
      store.updateProgress(id, decision.reason(), noticeEnd.orElseThrow());
      return new Disclosure(id, current.request(), current.recipientVersion(),
          new Decision(Outcome.PENDING_NOTICE, current.decision().allowedCategories(), decision.rule(), decision.reason(),
              current.decision().subjects()),
          current.decideTime(), Optional.empty(), noticeEnd, current.ledgerIndex(), Optional.empty());
    }
    Map<Subject, String> subjectIds = pseudonyms.ledgerIds(current.request().scope().subjects());
    DecisionTexts texts = DecisionTexts.of(current.request(), subjectIds.values());
    Disclosure redecided = ledger.write(batch -> {
      Disclosure locked = store.lock(batch.tx(), id).orElseThrow(() -> DomainException.notFound("disclosure"));
      if (locked.outcome() != Outcome.PENDING_NOTICE) {
        return locked; // decided again meanwhile
      }
      Disclosure next = locked.redecided(recipient.version(), decision, now, expiry(decision, now), Optional.empty(), -1);
      long index = batch.append("disclosure.decided", entryBody(next, subjectIds, texts, true));
      Disclosure stored = locked.redecided(recipient.version(), decision, now, next.expireTime(), Optional.empty(), index);
      store.updateDecision(batch.tx(), stored);
      return stored;
    });
    if (redecided.ledgerIndex() != current.ledgerIndex()) {
      metrics.decided(redecided.outcome(), current.request().basis());
    }
    return redecided;
  }

  /** Disclosures that released this subject's data, newest first. */
  public List<Disclosure> releasedWith(Subject subject, Optional<Long> beforeReleaseIndex, int limit) {
    return store.releasedWith(subject.key(), beforeReleaseIndex, limit);
  }

  /** The decision stored for this request's id, if it is the same request (else REQUEST_ID_REUSED). */
  private Optional<Disclosure> earlierDecision(DisclosureRequest request) {
    return store.findByRequest(request.caller(), request.requestId())
        .map(earlier -> new RequestReplay.Recorded<>(earlier.request().requestHash(), earlier).answerFor(request.requestHash()));
  }

  private Map<Subject, List<Consent>> liveConsents(DisclosureRequest request) {
    Map<String, Subject> byKey = new HashMap<>();
    request.scope().subjects().forEach(s -> byKey.put(s.key(), s));
    Map<Subject, List<Consent>> live = new HashMap<>();
    for (Consent c : consents.live(byKey.keySet(), request.recipientId(), clock.instant())) {
      live.computeIfAbsent(byKey.get(c.subject().key()), k -> new ArrayList<>()).add(c);
    }
    return live;
  }

  private Optional<Instant> expiry(Decision decision, Instant now) {
    return decision.outcome() == Outcome.ALLOWED ? Optional.of(now.plus(packageLifetime)) : Optional.empty();
  }

  private Optional<Instant> noticeEnd(Decision decision, NoticeStatus notices, Instant now) {
    return decision.outcome() == Outcome.PENDING_NOTICE ? Optional.of(rules.noticePeriodEnd(notices, now)) : Optional.empty();
  }

  /**
   * The decision's free text as the ledger commits to it (evidence references, who asked), each
   * kept for every subject the decision names; built before the write, off the writer thread.
   */
  private record DecisionTexts(Map<String, Object> evidence, LedgerText requestedBy) {
    static DecisionTexts of(DisclosureRequest r, java.util.Collection<String> subjects) {
      LedgerText.EntryKey key = LedgerText.forEntry(List.copyOf(new java.util.TreeSet<>(subjects)));
      Map<String, Object> evidence = new LinkedHashMap<>();
      r.evidence().caseReference().ifPresent(v -> evidence.put("caseReference", key.commit(v)));
      r.evidence().authority().ifPresent(v -> evidence.put("authority", key.commit(v)));
      r.evidence().requestReference().ifPresent(v -> evidence.put("requestReference", key.commit(v)));
      return new DecisionTexts(evidence, key.commit(r.requestedBy()));
    }
  }

  /**
   * The decision as the ledger records it: resource names, codes, subject ids (pseudonyms for
   * e-mail subjects), and commitments to its free text.
   */
  private static Map<String, Object> entryBody(Disclosure d, Map<Subject, String> subjectIds, DecisionTexts texts, boolean reevaluated) {
    DisclosureRequest r = d.request();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("disclosure", d.name());
    body.put("recipient", "recipients/" + r.recipientId());
    body.put("recipientVersion", d.recipientVersion());
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("kind", r.scope().kind().name());
    r.scope().project().ifPresent(p -> scope.put("project", p));
    body.put("scope", scope);
    List<Map<String, Object>> subjects = new ArrayList<>();
    for (SubjectDecision s : d.decision().subjects()) {
      subjects.add(Map.of("subject", subjectIds.get(s.subject()), "outcome", s.outcome().name()));
    }
    body.put("subjects", subjects);
    body.put("requestedCategories", r.categories().stream().map(Enum::name).sorted().toList());
    body.put("allowedCategories", d.decision().allowedCategories().stream().map(Enum::name).sorted().toList());
    body.put("purpose", r.purpose().name());
    body.put("basis", r.basis().name());
    body.put("recipientUse", r.use().name());
    body.put("evidence", texts.evidence());
    body.put("requestedBy", texts.requestedBy());
    body.put("outcome", d.outcome().name());
    body.put("rule", d.decision().rule());
    body.put("reason", d.decision().reason());
    body.put("reevaluated", reevaluated);
    d.expireTime().ifPresent(t -> body.put("expireTime", t.toString()));
    d.noticePeriodEnd().ifPresent(t -> body.put("noticePeriodEndTime", t.toString()));
    return body;
  }
}
