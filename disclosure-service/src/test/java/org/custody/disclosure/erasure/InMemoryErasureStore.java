package org.custody.disclosure.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.custody.disclosure.ledger.InMemoryTransactions;
import org.custody.disclosure.ledger.Transaction;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.mail.InMemoryOutboxStore;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.OutboxMessage;
import org.custody.platform.mail.OutgoingMail;

/**
 * Erasure sagas in a map, for unit tests; {@link ErasureStoreContract} holds it to the jOOQ
 * store's semantics: (caller, request id) and a subject's erasure in progress are unique, a step
 * is leased to one runner, postponed and confirmed only while pending, an erasure completes once.
 * Disclosure's own records of the subject live in the other stores: {@code ownRecords} stands
 * for erasing them (by default, nothing to erase).
 */
public final class InMemoryErasureStore implements ErasureStore {
  private static final String DISCLOSURE = "disclosure";
  private static final String EMAIL_SUBJECT_MARK = "/emailSubjects/";

  private final InMemoryOutboxStore outbox;
  private final Map<String, StoredErasure> erasures = new LinkedHashMap<>();
  private BiFunction<String, String, OwnRecords> ownRecords = (subjectKey, ledgerId) -> new OwnRecords(0, 0, 0, 0, 0, 0, 0, 0);

  /** An erasure as its rows hold it. */
  private static final class StoredErasure {
    Erasure erasure;
    String caller;
    String requestId;
    byte[] requestHash;
    String subjectKey;
    Optional<String> activeSubjectKey;
    boolean addressKnown;
    Optional<LeafErasures.ReceiptAddress> receiptAddress;
    Optional<String> receiptMessageId = Optional.empty();
    boolean mailRedacted;
    final Map<String, Instant> leases = new LinkedHashMap<>();
  }

  /** @param outbox where receipt mails are looked up and blanked, as the jOOQ store does on the outbox table */
  public InMemoryErasureStore(InMemoryOutboxStore outbox) {
    this.outbox = outbox;
  }

  /** What erasing disclosure's own records of a subject (key, ledger id) does and counts. */
  public synchronized void onEraseOwnRecords(BiFunction<String, String, OwnRecords> eraser) {
    this.ownRecords = eraser;
  }

  private void onCommit(Transaction tx, Runnable effect) {
    InMemoryTransactions.onCommit(tx, () -> {
      synchronized (this) {
        effect.run();
      }
    });
  }

  private static WriteConflict conflict() {
    return new WriteConflict("a concurrent request wrote the same record; retry");
  }

  @Override
  public synchronized void insert(Transaction tx, NewErasure n) {
    boolean taken = erasures.containsKey(n.erasure().id()) || erasures.values().stream().anyMatch(s ->
        s.caller.equals(n.caller()) && s.requestId.equals(n.requestId()) || s.activeSubjectKey.filter(n.subjectKey()::equals).isPresent());
    if (taken) {
      throw conflict();
    }
    StoredErasure s = new StoredErasure();
    s.erasure = n.erasure();
    s.caller = n.caller();
    s.requestId = n.requestId();
    s.requestHash = n.requestHash().clone();
    s.subjectKey = n.subjectKey();
    s.activeSubjectKey = Optional.of(n.subjectKey());
    s.addressKnown = n.receiptAddress().isPresent();
    s.receiptAddress = n.receiptAddress();
    onCommit(tx, () -> erasures.put(n.erasure().id(), s));
  }

  @Override
  public synchronized Optional<Erasure> find(String id) {
    return Optional.ofNullable(erasures.get(id)).map(InMemoryErasureStore::asRead);
  }

  @Override
  public synchronized Optional<Requested> findByRequest(String caller, String requestId) {
    return erasures.values().stream().filter(s -> s.caller.equals(caller) && s.requestId.equals(requestId)).findFirst()
        .map(s -> new Requested(asRead(s), s.requestHash.clone()));
  }

  @Override
  public synchronized Optional<Erasure> activeFor(String subjectKey) {
    return erasures.values().stream().filter(s -> s.activeSubjectKey.filter(subjectKey::equals).isPresent()).findFirst()
        .map(InMemoryErasureStore::asRead);
  }

  @Override
  public synchronized List<Erasure> list(Optional<Cursor> after, int limit) {
    Predicate<Erasure> afterCursor = e -> after.map(c -> e.createTime().isBefore(c.createTime())
        || e.createTime().equals(c.createTime()) && e.id().compareTo(c.id()) < 0).orElse(true);
    return erasures.values().stream().map(InMemoryErasureStore::asRead).filter(afterCursor)
        .sorted(Comparator.comparing(Erasure::createTime).thenComparing(Erasure::id).reversed()).limit(limit).toList();
  }

  @Override
  public synchronized List<DueStep> due(Instant now, int limit) {
    record Due(DueStep step, Instant next) {}
    List<Due> due = new ArrayList<>();
    for (StoredErasure s : erasures.values()) {
      if (s.erasure.state() != ErasureState.IN_PROGRESS) {
        continue;
      }
      for (ErasureStep step : s.erasure.steps()) {
        boolean isDue = step.state() == StepState.PENDING && !step.service().equals(DISCLOSURE)
            && step.nextAttemptTime().filter(t -> !t.isAfter(now)).isPresent() && unleased(s, step.service(), now);
        if (isDue) {
          due.add(new Due(new DueStep(s.erasure.id(), step.service(), step.requestId(), step.attempts(), s.subjectKey, s.addressKnown),
              step.nextAttemptTime().orElseThrow()));
        }
      }
    }
    return due.stream().sorted(Comparator.comparing(Due::next)).limit(limit).map(Due::step).toList();
  }

  private static boolean unleased(StoredErasure s, String service, Instant now) {
    Instant lease = s.leases.get(service);
    return lease == null || lease.isBefore(now);
  }

  @Override
  public synchronized boolean claim(String erasureId, String service, Instant now, Instant leaseUntil) {
    StoredErasure s = erasures.get(erasureId);
    if (s == null || pendingStep(s, service).isEmpty() || !unleased(s, service, now)) {
      return false;
    }
    s.leases.put(service, leaseUntil);
    return true;
  }

  @Override
  public synchronized void postpone(String erasureId, String service, int attempts, Instant nextAttempt, String failure) {
    StoredErasure s = erasures.get(erasureId);
    if (s == null || pendingStep(s, service).isEmpty()) {
      return;
    }
    String kept = failure.length() > 100 ? failure.substring(0, 100) : failure;
    replaceStep(s, service, step -> new ErasureStep(service, StepState.PENDING, step.requestId(), attempts, Optional.of(nextAttempt),
        Optional.of(kept), Optional.empty()));
    s.leases.remove(service);
  }

  @Override
  public synchronized void captureAddress(String erasureId, Optional<LeafErasures.ReceiptAddress> address) {
    StoredErasure s = erasures.get(erasureId);
    if (s != null && !s.addressKnown) {
      s.addressKnown = true;
      s.receiptAddress = address;
    }
  }

  @Override
  public synchronized void confirm(Transaction tx, String erasureId, String service, int attempts, ServiceReceipt receipt, long ledgerIndex) {
    StoredErasure s = erasures.get(erasureId);
    if (s == null || pendingStep(s, service).isEmpty()) {
      throw new WriteConflict("the step was confirmed concurrently");
    }
    onCommit(tx, () -> confirmStep(s, service, attempts, receipt));
  }

  private static void confirmStep(StoredErasure s, String service, int attempts, ServiceReceipt receipt) {
    if (pendingStep(s, service).isPresent()) {
      replaceStep(s, service, step -> new ErasureStep(service, receipt.state(), step.requestId(), attempts, Optional.empty(), Optional.empty(),
          Optional.of(receipt)));
      s.leases.remove(service);
    }
  }

  @Override
  public synchronized List<String> readyToComplete(int limit) {
    return erasures.values().stream()
        .filter(s -> s.erasure.state() == ErasureState.IN_PROGRESS)
        .filter(s -> s.erasure.steps().stream().noneMatch(step -> !step.service().equals(DISCLOSURE) && step.state() == StepState.PENDING))
        .sorted(Comparator.comparing(s -> s.erasure.createTime()))
        .limit(limit)
        .map(s -> s.erasure.id())
        .toList();
  }

  @Override
  public synchronized Optional<Locked> lock(Transaction tx, String id) {
    // In-memory transactions run one at a time: reading inside one is as good as a row lock.
    return Optional.ofNullable(erasures.get(id)).map(s -> new Locked(asRead(s), s.subjectKey, s.receiptAddress));
  }

  @Override
  public synchronized OwnRecords eraseOwnRecords(Transaction tx, String subjectKey, String ledgerId) {
    return ownRecords.apply(subjectKey, ledgerId);
  }

  @Override
  public synchronized void complete(Transaction tx, String id, Instant time, long ledgerIndex, String ownService, ServiceReceipt ownReceipt,
      List<Notice> notices, Optional<String> receiptMessageId, String finalSubjectKey) {
    onCommit(tx, () -> {
      StoredErasure s = erasures.get(id);
      if (s == null) {
        return;
      }
      Erasure e = s.erasure;
      List<String> told = new ArrayList<>(e.notifiedRecipients());
      notices.forEach(n -> told.add("recipients/" + n.recipientId()));
      s.erasure = new Erasure(e.id(), e.project(), e.subject(), e.subjectLedgerId(), ErasureState.COMPLETED, e.steps(),
          List.copyOf(new TreeSet<>(told)), e.createTime(), Optional.of(time), e.ledgerIndex(), Optional.of(ledgerIndex));
      s.activeSubjectKey = Optional.empty();
      s.subjectKey = finalSubjectKey;
      s.receiptMessageId = receiptMessageId;
      if (receiptMessageId.isEmpty()) {
        s.receiptAddress = Optional.empty();
        s.mailRedacted = true;
      }
      confirmStep(s, ownService, 1, ownReceipt);
    });
  }

  @Override
  public synchronized List<String> receiptsSent(int limit) {
    return erasures.values().stream()
        .filter(s -> !s.mailRedacted && s.erasure.state() == ErasureState.COMPLETED)
        .filter(s -> s.receiptMessageId.map(outbox.messages::get).filter(m -> m.state() == MessageState.DELIVERED || m.givenUp()).isPresent())
        .limit(limit)
        .map(s -> s.erasure.id())
        .toList();
  }

  @Override
  public synchronized void forgetReceiptAddress(String id) {
    StoredErasure s = erasures.get(id);
    if (s == null) {
      return;
    }
    s.receiptMessageId.ifPresent(messageId -> {
      synchronized (outbox) {
        OutboxMessage m = outbox.messages.get(messageId);
        if (m != null) {
          OutgoingMail blank = new OutgoingMail(m.mail().topic(), m.mail().reference(), m.mail().subjectId(), "", m.mail().subject(), "",
              m.mail().carriesSecret());
          outbox.messages.put(messageId, new OutboxMessage(m.id(), blank, m.state(), m.attempts(), m.nextAttemptTime(), m.failure(),
              m.permanent(), m.createTime(), m.deliverTime()));
        }
      }
    });
    s.receiptAddress = Optional.empty();
    s.mailRedacted = true;
  }

  @Override
  public synchronized Totals totals() {
    long inProgress = erasures.values().stream().filter(s -> s.erasure.state() == ErasureState.IN_PROGRESS).count();
    Optional<Instant> oldest = erasures.values().stream().filter(s -> s.erasure.state() == ErasureState.IN_PROGRESS)
        .map(s -> s.erasure.createTime()).min(Comparator.naturalOrder());
    return new Totals(inProgress, erasures.size() - inProgress, oldest);
  }

  private static Optional<ErasureStep> pendingStep(StoredErasure s, String service) {
    return s.erasure.step(service).filter(step -> step.state() == StepState.PENDING);
  }

  private static void replaceStep(StoredErasure s, String service, java.util.function.UnaryOperator<ErasureStep> change) {
    Erasure e = s.erasure;
    List<ErasureStep> steps = e.steps().stream().map(step -> step.service().equals(service) ? change.apply(step) : step).toList();
    s.erasure = new Erasure(e.id(), e.project(), e.subject(), e.subjectLedgerId(), e.state(), steps, e.notifiedRecipients(), e.createTime(),
        e.completeTime(), e.ledgerIndex(), e.completeLedgerIndex());
  }

  /** As the jOOQ store reads it: the subject is gone once the key is an e-mail subject's pseudonym. */
  private static Erasure asRead(StoredErasure s) {
    Erasure e = s.erasure;
    Optional<org.custody.platform.subject.Subject> subject = s.subjectKey.contains(EMAIL_SUBJECT_MARK) ? Optional.empty()
        : Optional.of(org.custody.platform.subject.Subject.fromKey(s.subjectKey));
    return new Erasure(e.id(), e.project(), subject, e.subjectLedgerId(), e.state(), e.steps(), e.notifiedRecipients(), e.createTime(),
        e.completeTime(), e.ledgerIndex(), e.completeLedgerIndex());
  }
}
