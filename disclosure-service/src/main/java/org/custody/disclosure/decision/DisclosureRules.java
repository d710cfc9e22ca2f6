package org.custody.disclosure.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;
import org.custody.platform.subject.Subject;

/**
 * The policy's exceptions as rules (P7-P11), pure: the same request, recipient version, consents,
 * notice status and time always give the same decision. Rules are tried in order; the first
 * that denies decides, and each names its clause in {@link Decision#rule()}.
 *
 * <ol>
 *   <li>P7: a commercial use, or a commercial organisation as recipient: always denied.</li>
 *   <li>P13: releases to the data subject are exports, not disclosures.</li>
 *   <li>The basis must fit the recipient's kind (P8 partner, P9 authority or fraud processor,
 *       P10 acquirer, P11 processor or affiliate).</li>
 *   <li>P11: a processor's agreement must be valid now; the purpose must be one the recipient
 *       may receive data for (and, for NDA and affiliate bases, one of the policy's purposes).</li>
 *   <li>Minimisation: the allowed categories are those asked for, within the recipient's list
 *       and the basis's limits ({@link CategoryLimits}); none left means denied.</li>
 *   <li>P8 consent: per subject, a live consent covering recipient, purpose and every category.</li>
 *   <li>P10: a corporate transfer waits until every subject was notified and the notice period passed.</li>
 * </ol>
 */
public final class DisclosureRules {
  /** The purposes the policy names for using data (P6), as opposed to its exceptions. */
  public static final Set<Purpose> POLICY_PURPOSES = EnumSet.of(Purpose.SERVICE_PROVISION, Purpose.BILLING,
      Purpose.AUTHENTICATION, Purpose.SERVICE_IMPROVEMENT, Purpose.CONTACT, Purpose.RESEARCH);
  private static final Set<Purpose> INVESTIGATION_PURPOSES = EnumSet.of(Purpose.LEGAL_COMPLIANCE, Purpose.SECURITY_FRAUD);

  private final Duration noticePeriod;

  public DisclosureRules(Duration noticePeriod) {
    this.noticePeriod = noticePeriod;
  }

  public Duration noticePeriod() {
    return noticePeriod;
  }

  /**
   * Refuses a request whose basis needs evidence that is missing (FAILED_PRECONDITION naming
   * every missing field), or whose scope the basis cannot have (INVALID_ARGUMENT).
   */
  public void checkPreconditions(DisclosureRequest request) {
    // References go into the ledger verbatim; an address there would be personal data in clear.
    List<FieldViolation> addresses = new ArrayList<>();
    noAddress(request.evidence().caseReference(), "evidence.case_reference", addresses);
    noAddress(request.evidence().authority(), "evidence.authority", addresses);
    noAddress(request.evidence().requestReference(), "evidence.request_reference", addresses);
    noAddress(Optional.of(request.requestedBy()), "requested_by", addresses);
    if (!addresses.isEmpty()) {
      throw DomainException.invalid("PERSONAL_DATA_IN_REFERENCE", addresses);
    }
    if (request.scope().kind() != Scope.Kind.SUBJECTS && request.basis() != DisclosureBasis.CORPORATE_TRANSACTION) {
      throw DomainException.invalid("SCOPE_NOT_ALLOWED", List.of(new FieldViolation("scope",
          "a whole project site or all subjects can only be the scope of a corporate transaction")));
    }
    if (request.basis() == DisclosureBasis.REQUESTED_SERVICE && request.scope().subjects().size() != 1) {
      throw DomainException.invalid("SCOPE_NOT_ALLOWED", List.of(new FieldViolation("scope.subjects",
          "the requested-service basis covers the one subject who asked")));
    }
    List<String> missing = new ArrayList<>();
    Evidence evidence = request.evidence();
    switch (request.basis()) {
      case REQUESTED_SERVICE -> require(evidence.requestReference(), "evidence.request_reference", missing);
      case ILLEGAL_ACTIVITY, PHYSICAL_SAFETY, TERMS_OF_SERVICE, REQUIRED_BY_LAW -> {
        require(evidence.caseReference(), "evidence.case_reference", missing);
        require(evidence.authority(), "evidence.authority", missing);
      }
      // A fraud case may be investigated by a processor under NDA, with no authority involved.
      case SUSPECTED_FRAUD -> require(evidence.caseReference(), "evidence.case_reference", missing);
      default -> {
        // consent, NDA, affiliate and corporate transactions stand on the registry and consents
      }
    }
    if (!missing.isEmpty()) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "EVIDENCE_MISSING",
          "the basis " + request.basis() + " needs evidence that is missing: " + String.join(", ", missing));
    }
  }

  /**
   * Decides {@code request} at {@code now}.
   *
   * @param liveConsents the subjects' live consents for this recipient (consent basis)
   * @param notices the transfer notices so far (corporate transactions)
   */
  public Decision decide(DisclosureRequest request, Recipient recipient, Map<Subject, List<Consent>> liveConsents,
      NoticeStatus notices, Instant now) {
    Optional<Decision> denial = firstDenial(request, recipient, now);
    if (denial.isPresent()) {
      return denial.get();
    }
    Set<DataCategory> allowed = minimise(request, recipient);
    if (allowed.isEmpty()) {
      boolean investigation = DisclosureBasis.INVESTIGATIONS.contains(request.basis());
      return deny(request, investigation ? "P9_NO_NEEDED_CATEGORY" : "P11_NO_PERMITTED_CATEGORY",
          investigation ? "none of the categories asked for is needed for this basis and permitted for the recipient"
              : "none of the categories asked for is permitted for the recipient").orElseThrow();
    }
    return byBasis(request, allowed, liveConsents, notices, now);
  }

  /** When a PENDING_NOTICE decision could first become ALLOWED. */
  public Instant noticePeriodEnd(NoticeStatus notices, Instant now) {
    return notices.everyoneToldAt().orElse(now).plus(noticePeriod);
  }

  private Optional<Decision> firstDenial(DisclosureRequest request, Recipient recipient, Instant now) {
    if (request.use().commercial()) {
      return deny(request, "P7_NO_COMMERCIAL_USE", "data is never disclosed for sale, marketing or another commercial purpose of the recipient");
    }
    if (recipient.kind() == RecipientKind.COMMERCIAL_ORGANISATION) {
      return deny(request, "P7_COMMERCIAL_RECIPIENT", "data is never shared with commercial organisations for their own purposes");
    }
    if (recipient.kind() == RecipientKind.DATA_SUBJECT) {
      return deny(request, "P13_EXPORT_NOT_DISCLOSURE", "releases to the data subject are exports (SubjectRightsService), not disclosures");
    }
    Optional<Decision> kindMismatch = kindFitsBasis(request, recipient);
    if (kindMismatch.isPresent()) {
      return kindMismatch;
    }
    if (recipient.kind() == RecipientKind.PROCESSOR_UNDER_NDA && !recipient.ndaValidAt(now)) {
      return deny(request, "P11_NDA_NOT_VALID", "the recipient's non-disclosure agreement is not valid at decision time");
    }
    if (!recipient.permittedPurposes().contains(request.purpose())) {
      return deny(request, "P11_PURPOSE_NOT_PERMITTED", "the recipient may not receive data for the purpose " + request.purpose());
    }
    if ((request.basis() == DisclosureBasis.NDA_PROCESSOR || request.basis() == DisclosureBasis.AFFILIATE)
        && !POLICY_PURPOSES.contains(request.purpose())) {
      return deny(request, "P11_NOT_A_POLICY_PURPOSE", "third parties and affiliates receive data only for the policy's purposes");
    }
    if (DisclosureBasis.INVESTIGATIONS.contains(request.basis()) && !INVESTIGATION_PURPOSES.contains(request.purpose())) {
      return deny(request, "P9_PURPOSE", "an investigation discloses data only for legal compliance or security and fraud");
    }
    if (request.basis() == DisclosureBasis.REQUESTED_SERVICE && request.purpose() != Purpose.SERVICE_PROVISION) {
      return deny(request, "P8_REQUESTED_SERVICE_PURPOSE", "a service the subject requested is provided for the purpose SERVICE_PROVISION");
    }
    return Optional.empty();
  }

  private Optional<Decision> kindFitsBasis(DisclosureRequest request, Recipient recipient) {
    RecipientKind kind = recipient.kind();
    return switch (request.basis()) {
      case REQUESTED_SERVICE -> kind == RecipientKind.SERVICE_PARTNER ? Optional.empty()
          : deny(request, "P8_NOT_A_SERVICE_PARTNER", "a requested service is provided only through a registered service partner");
      case SUSPECTED_FRAUD -> kind == RecipientKind.PUBLIC_AUTHORITY || kind == RecipientKind.PROCESSOR_UNDER_NDA ? Optional.empty()
          : deny(request, "P9_RECIPIENT_NOT_AUTHORITY", "fraud cases go to a public authority or to a processor under NDA");
      case ILLEGAL_ACTIVITY, PHYSICAL_SAFETY, TERMS_OF_SERVICE, REQUIRED_BY_LAW -> kind == RecipientKind.PUBLIC_AUTHORITY ? Optional.empty()
          : deny(request, "P9_RECIPIENT_NOT_AUTHORITY", "this basis discloses data only to a public authority");
      case CORPORATE_TRANSACTION -> kind == RecipientKind.ACQUIRER ? Optional.empty()
          : deny(request, "P10_NOT_AN_ACQUIRER", "a corporate transaction transfers data only to the acquirer");
      case NDA_PROCESSOR -> kind == RecipientKind.PROCESSOR_UNDER_NDA ? Optional.empty()
          : deny(request, "P11_NOT_A_PROCESSOR", "the NDA basis needs a recipient registered as a processor under NDA");
      case AFFILIATE -> kind == RecipientKind.AFFILIATE && recipient.controllingEntity().isPresent() ? Optional.empty()
          : deny(request, "P11_NOT_AN_AFFILIATE", "the affiliate basis needs a registered affiliate under common control");
      case CONSENT -> Optional.empty();
    };
  }

  /** The categories asked for, within the recipient's list and the basis's limits. */
  private static Set<DataCategory> minimise(DisclosureRequest request, Recipient recipient) {
    Set<DataCategory> allowed = EnumSet.noneOf(DataCategory.class);
    allowed.addAll(request.categories());
    allowed.retainAll(recipient.permittedCategories());
    allowed.retainAll(CategoryLimits.forBasis(request.basis()));
    allowed.removeAll(CategoryLimits.NEVER);
    return allowed;
  }

  private Decision byBasis(DisclosureRequest request, Set<DataCategory> allowed,
      Map<Subject, List<Consent>> liveConsents, NoticeStatus notices, Instant now) {
    String minimised = allowed.size() < request.categories().size()
        ? "; " + (request.categories().size() - allowed.size()) + " of " + request.categories().size()
            + " categories asked for were left out (minimisation)"
        : "";
    return switch (request.basis()) {
      case CONSENT -> byConsent(request, allowed, liveConsents, now, minimised);
      case CORPORATE_TRANSACTION -> byNotices(request, allowed, notices, now, minimised);
      case REQUESTED_SERVICE -> allow(request, allowed, "P8_REQUESTED_SERVICE", "a service the subject requested, through a registered partner" + minimised);
      case NDA_PROCESSOR -> allow(request, allowed, "P11_NDA", "a processor under a valid non-disclosure agreement, for a permitted purpose" + minimised);
      case AFFILIATE -> allow(request, allowed, "P11_AFFILIATE", "a company under common control, for a permitted purpose" + minimised);
      case ILLEGAL_ACTIVITY, SUSPECTED_FRAUD, PHYSICAL_SAFETY, TERMS_OF_SERVICE, REQUIRED_BY_LAW -> allow(request, allowed,
          "P9_" + request.basis().name(), "an investigation with a case reference, limited to the categories it needs" + minimised);
    };
  }

  private Decision byConsent(DisclosureRequest request, Set<DataCategory> allowed, Map<Subject, List<Consent>> liveConsents,
      Instant now, String minimised) {
    List<SubjectDecision> subjects = new ArrayList<>();
    for (Subject subject : request.scope().subjects()) {
      boolean covered = liveConsents.getOrDefault(subject, List.of()).stream()
          .anyMatch(c -> c.covers(request.recipientId(), request.purpose(), request.categories(), now));
      subjects.add(covered
          ? new SubjectDecision(subject, Outcome.ALLOWED, "a live consent covers the recipient, the purpose and every category")
          : new SubjectDecision(subject, Outcome.DENIED, "no live consent covers the recipient, the purpose and every category"));
    }
    long allowedCount = subjects.stream().filter(s -> s.outcome() == Outcome.ALLOWED).count();
    if (allowedCount == 0) {
      return new Decision(Outcome.DENIED, Set.of(), "P8_NO_CONSENT", "no subject has a live consent covering the recipient, "
          + "the purpose and every category asked for", subjects);
    }
    return new Decision(Outcome.ALLOWED, allowed, "P8_CONSENT", allowedCount + " of " + subjects.size()
        + " subjects consented to this recipient, purpose and every category" + minimised, subjects);
  }

  private Decision byNotices(DisclosureRequest request, Set<DataCategory> allowed, NoticeStatus notices, Instant now, String minimised) {
    Outcome pending = Outcome.PENDING_NOTICE;
    if (notices.resolvedTime().isEmpty()) {
      return decision(request, pending, allowed, "P10_NOTICE_PENDING", "the affected subjects are being listed and notified by e-mail"
          + notices.listingFailure().map(f -> " (listing them failed: " + f + "; retrying)").orElse(""));
    }
    if (!notices.allDelivered()) {
      return decision(request, pending, allowed, "P10_NOTICE_PENDING", notices.delivered() + " of " + notices.addressees()
          + " affected subjects notified" + (notices.undeliverable() > 0 ? ", " + notices.undeliverable() + " notices undeliverable" : ""));
    }
    Instant end = noticePeriodEnd(notices, now);
    if (now.isBefore(end)) {
      return decision(request, pending, allowed, "P10_NOTICE_PENDING", "all " + notices.addressees()
          + " affected subjects notified; the notice period ends at " + end);
    }
    return decision(request, Outcome.ALLOWED, allowed, "P10_NOTICE_GIVEN", "all " + notices.addressees()
        + " affected subjects were notified and the notice period has passed" + minimised);
  }

  private static Decision allow(DisclosureRequest request, Set<DataCategory> allowed, String rule, String reason) {
    return decision(request, Outcome.ALLOWED, allowed, rule, reason);
  }

  private static Decision decision(DisclosureRequest request, Outcome outcome, Set<DataCategory> allowed, String rule, String reason) {
    return new Decision(outcome, outcome == Outcome.DENIED ? Set.of() : allowed, rule, reason, everySubject(request, outcome, reason));
  }

  private static Optional<Decision> deny(DisclosureRequest request, String rule, String reason) {
    return Optional.of(decision(request, Outcome.DENIED, Set.of(), rule, reason));
  }

  private static List<SubjectDecision> everySubject(DisclosureRequest request, Outcome outcome, String reason) {
    return request.scope().subjects().stream().map(s -> new SubjectDecision(s, outcome, reason)).toList();
  }

  private static void noAddress(Optional<String> value, String field, List<FieldViolation> violations) {
    if (value.filter(v -> v.indexOf('@') >= 0).isPresent()) {
      violations.add(new FieldViolation(field, "must be a reference or an id, not an e-mail address"));
    }
  }

  private static void require(Optional<String> value, String field, Collection<String> missing) {
    if (value.filter(v -> !v.isBlank()).isEmpty()) {
      missing.add(field);
    }
  }
}
