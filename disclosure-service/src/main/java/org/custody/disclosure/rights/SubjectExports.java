package org.custody.disclosure.rights;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.consent.ConsentStore;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.ledger.InclusionProof;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.SignedTreeHead;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.disclosure.release.LeafExport;
import org.custody.disclosure.release.LeafExports;
import org.custody.disclosure.staffaccess.RecordedAccess;
import org.custody.disclosure.staffaccess.StaffAccesses;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.DuplicateWait;
import org.custody.platform.idempotency.RequestReplay;
import org.custody.platform.subject.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subject-access exports (P13). The request is recorded first; every leaf's export (identity,
 * billing, analytics, all categories, for SUBJECT_REQUEST) and disclosure's own records are
 * gathered into one JSON document, and its release to the subject (recipient kind: the data
 * subject) is a ledger entry committed with the document. A leaf that cannot answer fails the
 * export (recorded FAILED): a partial document would pass for a complete one.
 */
public final class SubjectExports {
  private static final Logger log = LoggerFactory.getLogger(SubjectExports.class);
  private static final int PAGE = 1000;
  /** How long a duplicate waits for the first call's export before taking it over. */
  private static final Duration FIRST_CALL_LEASE = Duration.ofMinutes(2);

  private final SubjectExportStore store;
  private final LeafExports leaves;
  private final ConsentStore consents;
  private final DisclosureStore disclosures;
  private final SubjectPseudonyms pseudonyms;
  private final SubjectAuthorization authorization;
  private final Ledger ledger;
  private final Clock clock;
  private final StaffAccesses staffAccesses;

  public SubjectExports(SubjectExportStore store, LeafExports leaves, ConsentStore consents, DisclosureStore disclosures,
      SubjectPseudonyms pseudonyms, SubjectAuthorization authorization, Ledger ledger, Clock clock, StaffAccesses staffAccesses) {
    this.staffAccesses = staffAccesses;
    this.store = store;
    this.leaves = leaves;
    this.consents = consents;
    this.disclosures = disclosures;
    this.pseudonyms = pseudonyms;
    this.authorization = authorization;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Produces the subject's export, or returns the one this request produced before.
   *
   * @param requestHash the keyed fingerprint of the request, to refuse a reused request id
   */
  public SubjectExport create(String caller, Purpose purpose, Subject subject, Optional<String> sessionToken, String requestId,
      byte[] requestHash) {
    authorization.check(caller, purpose, subject, sessionToken);
    Optional<SubjectExportStore.Requested> earlier = store.findByRequest(caller, requestId);
    String id;
    if (earlier.isPresent()) {
      SubjectExport export = new RequestReplay.Recorded<>(earlier.get().requestHash(), earlier.get().export()).answerFor(requestHash);
      if (export.state() == ExportState.REQUESTED) {
        // Being produced by a concurrent duplicate (or abandoned by a crash): wait for it.
        awaitFirst(caller, requestId, export.createTime().plus(FIRST_CALL_LEASE));
        export = store.findByRequest(caller, requestId).orElseThrow().export();
      }
      if (export.state() == ExportState.COMPLETED) {
        return export;
      }
      id = export.id();
      store.retry(id);
    } else {
      id = UUID.randomUUID().toString();
      SubjectExport draft = new SubjectExport(id, caller, subject, ExportState.REQUESTED, Optional.empty(), Optional.empty(),
          clock.instant(), Optional.empty(), Optional.empty());
      if (!store.insert(draft, requestId, requestHash)) {
        // A concurrent duplicate: wait for the first, then answer as a retry would.
        awaitFirst(caller, requestId, clock.instant().plus(FIRST_CALL_LEASE));
        return create(caller, purpose, subject, sessionToken, requestId, requestHash);
      }
    }
    List<LeafExport> parts;
    OwnRecords own;
    String ledgerId = pseudonyms.ledgerIds(List.of(subject)).get(subject);
    try {
      parts = leaves.export(subject, Set.of(), "", Purpose.SUBJECT_REQUEST);
      own = ownRecords(subject, ledgerId);
    } catch (DomainException e) {
      store.fail(id, e.reason() + " (" + e.kind() + ")");
      log.warn("subject export failed export={} reason={}", id, e.reason());
      throw e;
    }
    Instant created = clock.instant();
    String document = ExportDocument.build("exports/" + id, subject, created, parts, own);
    Map<String, Long> records = new TreeMap<>();
    parts.forEach(p -> records.put(p.service(), (long) p.records().size()));
    records.put("disclosure", (long) (own.consents().size() + own.disclosures().size() + own.mails().size() + own.staffAccesses().size()));
    long index = ledger.write(batch -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("export", "exports/" + id);
      body.put("recipient_kind", RecipientKind.DATA_SUBJECT.name());
      body.put("subject", ledgerId);
      body.put("records", records);
      long entry = batch.append("export.released", body);
      store.complete(batch.tx(), id, document, batch.time(), entry);
      return entry;
    });
    log.info("subject export released export={} services={} ledgerIndex={} caller={}", id, records.size(), index, caller);
    return store.find(id).orElseThrow();
  }

  /**
   * A completed export, to an operator, or to the caller that asked for it when it also shows a
   * live session of the export's subject: every front-end request comes from the same caller, so
   * the caller alone would let one user read another's export by its name.
   */
  public SubjectExport get(String caller, String id, Optional<String> sessionToken) {
    Optional<String> reader = authorization.readerAccount(caller, sessionToken);
    // Someone else's export is NOT_FOUND, as a missing one is: its name tells nothing.
    return store.find(id).filter(e -> e.state() == ExportState.COMPLETED)
        .filter(e -> reader.isEmpty() || (e.caller().equals(caller) && e.subject().account().equals(reader)))
        .orElseThrow(() -> DomainException.notFound("export"));
  }

  /** Deletes the documents older than the retention period; returns how many. */
  public int purge(java.time.Duration retention) {
    int deleted = store.deleteCreatedBefore(clock.instant().minus(retention));
    if (deleted > 0) {
      log.info("subject exports past retention deleted count={}", deleted);
    }
    return deleted;
  }

  private OwnRecords ownRecords(Subject subject, String ledgerId) {
    List<Consent> allConsents = new ArrayList<>();
    Optional<ConsentStore.Cursor> after = Optional.empty();
    List<Consent> page;
    do {
      page = consents.list(subject.key(), Optional.empty(), after, PAGE);
      allConsents.addAll(page);
      after = page.isEmpty() ? after : Optional.of(new ConsentStore.Cursor(page.get(page.size() - 1).grantTime(), page.get(page.size() - 1).id()));
    } while (page.size() == PAGE);

    List<Disclosure> released = new ArrayList<>();
    Optional<Long> before = Optional.empty();
    List<Disclosure> dpage;
    do {
      dpage = disclosures.releasedWith(subject.key(), before, PAGE);
      released.addAll(dpage);
      before = dpage.isEmpty() ? before : Optional.of(dpage.get(dpage.size() - 1).release().orElseThrow().ledgerIndex());
    } while (dpage.size() == PAGE);
    List<OwnRecords.ReleasedDisclosure> withProofs = new ArrayList<>();
    List<RecordedAccess> accesses = staffAccesses.forSubject(ledgerId);
    List<Long> indexes = new ArrayList<>(released.stream().map(d -> d.release().orElseThrow().ledgerIndex()).toList());
    accesses.forEach(a -> indexes.add(a.ledgerIndex()));
    List<OwnRecords.StaffAccessRecord> accessRecords = new ArrayList<>();
    if (!indexes.isEmpty()) {
      // One head and one read of the stored nodes for every proof the export carries.
      SignedTreeHead head = ledger.headCovering(indexes.stream().mapToLong(Long::longValue).max().orElseThrow());
      List<InclusionProof> proofs = ledger.inclusionProofs(indexes, head.treeSize());
      for (int i = 0; i < released.size(); i++) {
        withProofs.add(new OwnRecords.ReleasedDisclosure(released.get(i), proofs.get(i), head));
      }
      for (int i = 0; i < accesses.size(); i++) {
        accessRecords.add(new OwnRecords.StaffAccessRecord(accesses.get(i), proofs.get(released.size() + i), head));
      }
    }
    return new OwnRecords(allConsents, withProofs, store.mailsTo(ledgerId, PAGE), accessRecords);
  }

  /**
   * Waits while the export this request made is still being produced by another call (the
   * platform's {@link DuplicateWait}), at most until {@code until} (its creation plus
   * {@link #FIRST_CALL_LEASE}): an export left REQUESTED longer than that was abandoned by a
   * crash, and is produced again.
   */
  private void awaitFirst(String caller, String requestId, Instant until) {
    DuplicateWait.forFirst(() -> store.findByRequest(caller, requestId)
        .filter(first -> first.export().state() != ExportState.REQUESTED).isPresent(), Duration.between(clock.instant(), until));
  }
}
