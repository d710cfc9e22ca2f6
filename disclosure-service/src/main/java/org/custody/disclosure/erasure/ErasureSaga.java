package org.custody.disclosure.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.ledger.Ledger;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxTransaction;
import org.custody.platform.mail.OutgoingMail;
import org.custody.platform.jobs.RetryPolicy;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.Recipients;
import org.custody.platform.db.WriteConflict;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.SafeDescription;
import org.custody.platform.subject.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out recorded erasures (P13), run by a periodic job; every bit of progress is in the
 * database, so a restart at any point resumes where it stopped. Each pending leaf step is taken
 * under a lease (two instances never call a leaf for the same step at once), and the leaf is
 * asked with the step's own request id (a repeated call returns the first receipt). A failure
 * is recorded with its code and retried with exponential backoff, for as long as it takes.
 *
 * <p>When identity, billing and analytics confirmed, one transaction erases disclosure's own
 * records of the subject, queues an erasure notice (GDPR Art. 19) to every recipient that
 * received the subject's data and the subject's receipt, and appends {@code erasure.completed}.
 * Ledger entries stay: they hold ids and pseudonyms only, and the pseudonym row is gone.
 */
public final class ErasureSaga {
  private static final Logger log = LoggerFactory.getLogger(ErasureSaga.class);
  public static final String NOTICE_TOPIC = "erasure-notice";
  public static final String RECEIPT_TOPIC = "erasure-receipt";
  private static final String IDENTITY = "identity";
  private static final int PAGE = 1000;

  private final ErasureStore store;
  private final LeafErasures leaves;
  private final DisclosureStore disclosures;
  private final Recipients recipients;
  private final Outbox outbox;
  private final OutboxTransaction outboxTransaction;
  private final Ledger ledger;
  private final RetryPolicy retries;
  private final Duration lease;
  private final Clock clock;

  /**
   * @param retries the backoff between attempts at one step (attempts are never given up)
   * @param lease how long a runner holds a step while calling its service
   */
  public ErasureSaga(ErasureStore store, LeafErasures leaves, DisclosureStore disclosures, Recipients recipients, Outbox outbox,
      OutboxTransaction outboxTransaction, Ledger ledger, RetryPolicy retries, Duration lease, Clock clock) {
    this.store = store;
    this.leaves = leaves;
    this.disclosures = disclosures;
    this.recipients = recipients;
    this.outbox = outbox;
    this.outboxTransaction = outboxTransaction;
    this.ledger = ledger;
    this.retries = retries;
    this.lease = lease;
    this.clock = clock;
  }

  /** One pass: due steps, then completions, then receipts to forget. Returns how many erasures completed. */
  public int runDue() {
    for (ErasureStore.DueStep step : store.due(clock.instant(), 50)) {
      attempt(step);
    }
    int completed = 0;
    for (String id : store.readyToComplete(20)) {
      try {
        if (complete(id)) {
          completed++;
        }
      } catch (RuntimeException e) {
        log.warn("completing an erasure failed erasure={} cause={}", id, e instanceof DomainException d ? d.reason() : SafeDescription.of(e));
      }
    }
    if (completed > 0) {
      outbox.nudge();
    }
    for (String id : store.receiptsSent(50)) {
      store.forgetReceiptAddress(id);
    }
    return completed;
  }

  private void attempt(ErasureStore.DueStep step) {
    Instant now = clock.instant();
    if (!store.claim(step.erasureId(), step.service(), now, now.plus(lease))) {
      return;
    }
    int attempts = step.attempts() + 1;
    try {
      Subject subject = Subject.fromKey(step.subjectKey());
      if (step.service().equals(IDENTITY) && !step.addressKnown()) {
        // Identity holds the account's address: read it before identity erases it, for the receipt.
        store.captureAddress(step.erasureId(), leaves.receiptAddress(subject));
      }
      ServiceReceipt receipt = leaves.erase(step.service(), subject, step.requestId(), step.erasureName());
      long index = ledger.write(batch -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("erasure", step.erasureName());
        body.put("service", step.service());
        body.put("receipt", receipt.id());
        body.put("erased", counts(receipt.erased().stream().map(e -> Map.entry(e.kind(), e.count())).toList()));
        body.put("retained", counts(receipt.kept().stream().map(k -> Map.entry(k.kind(), k.count())).toList()));
        long entry = batch.append("erasure.confirmed", body);
        store.confirm(step.erasureId(), step.service(), attempts, receipt, entry);
        return entry;
      });
      log.info("erasure step confirmed erasure={} service={} attempts={} state={} ledgerIndex={}", step.erasureId(), step.service(),
          attempts, receipt.state(), index);
    } catch (RuntimeException e) {
      Instant next = clock.instant().plus(retries.delayAfter(attempts));
      String failure = failure(e);
      store.postpone(step.erasureId(), step.service(), attempts, next, failure);
      log.warn("erasure step failed erasure={} service={} attempts={} nextAttempt={} failure={} cause={}", step.erasureId(),
          step.service(), attempts, next, failure, SafeDescription.of(e));
    }
  }

  /**
   * A code for the step's status, e.g. {@code LEAF_UNAVAILABLE (UNAVAILABLE)}: never a message,
   * and for an unexpected failure only {@code INTERNAL} (the log has the exception chain).
   */
  private static String failure(RuntimeException e) {
    if (e instanceof WriteConflict) {
      // Another instance confirmed the step at the same time: the step is retried, as before the typed outcome.
      return "WRITE_CONFLICT (ABORTED)";
    }
    return e instanceof DomainException d ? d.reason() + " (" + d.kind() + ")" : "INTERNAL";
  }

  private static Map<String, Long> counts(List<Map.Entry<String, Long>> items) {
    Map<String, Long> counts = new TreeMap<>();
    items.forEach(i -> counts.merge(i.getKey(), i.getValue(), Long::sum));
    return counts;
  }

  /** Erases disclosure's own records and tells the recipients and the subject, in one transaction. */
  private boolean complete(String id) {
    Erasure erasure = store.find(id).orElseThrow(() -> DomainException.notFound("erasure"));
    if (erasure.state() != ErasureState.IN_PROGRESS || erasure.subject().isEmpty()) {
      return false;
    }
    Subject subject = erasure.subject().get();
    // Who received the subject's data: every recipient of a released disclosure naming them.
    Map<String, List<String>> releasedTo = new TreeMap<>();
    Optional<Long> before = Optional.empty();
    List<Disclosure> page;
    do {
      page = disclosures.releasedWith(subject.key(), before, PAGE);
      for (Disclosure d : page) {
        releasedTo.computeIfAbsent(d.request().recipientId(), r -> new ArrayList<>()).add(d.name());
      }
      before = page.isEmpty() ? before : Optional.of(page.get(page.size() - 1).release().orElseThrow().ledgerIndex());
    } while (page.size() == PAGE);
    Map<String, Optional<Recipient>> known = new LinkedHashMap<>();
    releasedTo.keySet().forEach(r -> known.put(r, recipients.find(r)));
    String finalKey = subject.email().isPresent() ? erasure.subjectLedgerId() : subject.key();

    Boolean done = ledger.write(batch -> {
      Optional<ErasureStore.Locked> locked = store.lock(id);
      if (locked.isEmpty() || locked.get().erasure().state() != ErasureState.IN_PROGRESS) {
        return false;
      }
      Erasure current = locked.get().erasure();
      ErasureStore.OwnRecords own = store.eraseOwnRecords(subject.key(), current.subjectLedgerId());
      List<ErasureStore.Notice> notices = new ArrayList<>();
      for (Map.Entry<String, List<String>> r : releasedTo.entrySet()) {
        Optional<Recipient> recipient = known.get(r.getKey());
        Optional<String> messageId = recipient.flatMap(Recipient::noticeEmail).map(to -> outbox.enqueue(outboxTransaction, new OutgoingMail(
            NOTICE_TOPIC, current.name(), Optional.empty(), to, ErasureMail.noticeSubject(),
            ErasureMail.noticeBody(recipient.get().displayName(), current, subject, r.getValue()))));
        notices.add(new ErasureStore.Notice(r.getKey(), messageId));
      }
      ServiceReceipt ownReceipt = ownReceipt(id, batch.time(), own, current, releasedTo);
      List<String> told = notices.stream().map(n -> "recipients/" + n.recipientId()).toList();
      Optional<String> receiptId = locked.get().receiptAddress().map(a -> outbox.enqueue(outboxTransaction, new OutgoingMail(RECEIPT_TOPIC,
          current.name(), Optional.of(current.subjectLedgerId()), a.email(), ErasureMail.receiptSubject(),
          ErasureMail.receiptBody(a.name(), current, ownReceipt, told))));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("erasure", current.name());
      body.put("subject", current.subjectLedgerId());
      body.put("notified_recipients", told);
      body.put("receipt_sent", receiptId.isPresent());
      long index = batch.append("erasure.completed", body);
      store.complete(id, batch.time(), index, Erasures.DISCLOSURE, ownReceipt, notices, receiptId, finalKey);
      return true;
    });
    if (done) {
      log.info("erasure completed erasure={} recipientsTold={}", id, releasedTo.size());
    }
    return done;
  }

  /** Disclosure's own receipt: what it erased, and the ledger entries it keeps (ids and pseudonyms only). */
  private static ServiceReceipt ownReceipt(String id, Instant time, ErasureStore.OwnRecords own, Erasure erasure,
      Map<String, List<String>> releasedTo) {
    List<ServiceReceipt.Erased> erased = new ArrayList<>();
    addIfAny(erased, "consent", own.consents());
    addIfAny(erased, "subject_pseudonym", own.pseudonyms());
    addIfAny(erased, "export", own.exports());
    addIfAny(erased, "mail", own.mails());
    addIfAny(erased, "subject_reference", own.rekeyed());
    addIfAny(erased, "policy_acknowledgement", own.policyAcknowledgements());
    addIfAny(erased, "ledger_text", own.ledgerTexts());
    addIfAny(erased, "disclosure_evidence_text", own.disclosureTexts());
    // The entries this erasure knows name the subject: its own (requested, one per leaf, completed),
    // each release of their data, and each consent grant or revocation.
    long entries = 2 + erasure.steps().size() - 1 + releasedTo.values().stream().mapToLong(List::size).sum() + own.consents();
    List<ServiceReceipt.Kept> kept = List.of(new ServiceReceipt.Kept("ledger_entry", entries,
        "accountability record of disclosures and of this erasure (GDPR Art. 5(2), 30); holds ids, pseudonyms and "
            + "commitments to free text only; the texts, their keys and the pseudonym's link to the subject are erased", Optional.empty(),
        List.of(org.custody.platform.classification.DataCategory.USER_UNIQUE_ID_PSEUDONYMOUS)));
    return new ServiceReceipt("disclosure-" + id, time, erased, kept);
  }

  private static void addIfAny(List<ServiceReceipt.Erased> erased, String kind, long count) {
    if (count > 0) {
      erased.add(new ServiceReceipt.Erased(kind, count));
    }
  }
}
