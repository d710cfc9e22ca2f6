package org.custody.disclosure.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureStore;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.decision.SubjectDecision;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.subject.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles and releases the package of an ALLOWED decision: once, before it expires, from the
 * leaf services (asked for the allowed categories only, naming the decision, for its purpose),
 * minimised again here, and recorded in the ledger. If a leaf is unavailable the call fails and
 * nothing is recorded as released.
 */
public final class PackageReleases {
  private static final Logger log = LoggerFactory.getLogger(PackageReleases.class);

  private final DisclosureStore disclosures;
  private final LeafExports leaves;
  private final SubjectPseudonyms pseudonyms;
  private final Ledger ledger;
  private final Clock clock;

  public PackageReleases(DisclosureStore disclosures, LeafExports leaves, SubjectPseudonyms pseudonyms, Ledger ledger, Clock clock) {
    this.disclosures = disclosures;
    this.leaves = leaves;
    this.pseudonyms = pseudonyms;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * @param callPurpose the purpose the caller declared; it must be the decision's purpose
   */
  public DisclosurePackage fetch(String id, Purpose callPurpose) {
    Disclosure disclosure = disclosures.find(id).orElseThrow(() -> DomainException.notFound("disclosure"));
    checkReleasable(disclosure, callPurpose, clock.instant());
    Set<org.custody.platform.classification.DataCategory> allowed = disclosure.decision().allowedCategories();
    List<Subject> subjects = disclosures.subjects(id).stream().filter(s -> s.outcome() != Outcome.DENIED).map(SubjectDecision::subject).toList();
    List<SubjectPackage> packages = new ArrayList<>();
    Map<String, Long> recordsByService = new TreeMap<>();
    for (Subject subject : subjects) {
      List<LeafExport> exports = new ArrayList<>();
      for (LeafExport raw : leaves.export(subject, allowed, disclosure.name(), disclosure.request().purpose())) {
        LeafExport minimal = Minimisation.apply(raw, allowed);
        long withheld = Minimisation.withheld(raw, minimal);
        if (withheld > 0) {
          log.warn("leaf returned values outside the allowed categories service={} disclosure={} withheld={}", raw.service(), id, withheld);
        }
        exports.add(minimal);
        recordsByService.merge(minimal.service(), (long) minimal.records().size(), Long::sum);
      }
      packages.add(new SubjectPackage(subject, exports));
    }
    Map<Subject, String> subjectIds = pseudonyms.ledgerIds(subjects);
    long index = ledger.write(batch -> {
      Disclosure locked = disclosures.lock(batch.tx(), id).orElseThrow(() -> DomainException.notFound("disclosure"));
      checkReleasable(locked, callPurpose, batch.time());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("disclosure", locked.name());
      body.put("recipient", "recipients/" + locked.request().recipientId());
      body.put("categories", allowed.stream().map(Enum::name).sorted().toList());
      body.put("subjects", subjects.stream().map(subjectIds::get).toList());
      body.put("records", recordsByService);
      long entry = batch.append("disclosure.released", body);
      disclosures.markReleased(batch.tx(), id, batch.time(), entry);
      return entry;
    });
    log.info("package released disclosure={} subjects={} ledgerIndex={}", id, subjects.size(), index);
    Disclosure released = disclosures.find(id).orElseThrow();
    return new DisclosurePackage(released, allowed, packages, index);
  }

  private static void checkReleasable(Disclosure d, Purpose callPurpose, Instant now) {
    if (d.request().purpose() != callPurpose) {
      throw DomainException.of(ErrorKind.PERMISSION_DENIED, "PURPOSE_MISMATCH",
          "the package is released only for the purpose the disclosure was decided for");
    }
    if (d.outcome() != Outcome.ALLOWED) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "DISCLOSURE_NOT_ALLOWED", "only an ALLOWED decision has a package");
    }
    if (d.release().isPresent()) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "PACKAGE_ALREADY_RELEASED", "the package of a decision is released once");
    }
    if (d.expireTime().filter(expiry -> now.isBefore(expiry)).isEmpty()) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "DISCLOSURE_EXPIRED", "the decision expired before its package was fetched");
    }
  }
}
