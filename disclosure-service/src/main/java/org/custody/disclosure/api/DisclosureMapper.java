package org.custody.disclosure.api;

import org.custody.platform.api.ProtoTimes;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.DisclosureBasis;
import org.custody.disclosure.decision.DisclosureRequest;
import org.custody.disclosure.decision.Evidence;
import org.custody.disclosure.decision.Outcome;
import org.custody.disclosure.decision.RecipientUse;
import org.custody.disclosure.decision.Scope;
import org.custody.disclosure.release.ExportField;
import org.custody.disclosure.release.ExportRecord;
import org.custody.disclosure.release.LeafExport;
import org.custody.platform.access.Purpose;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.idempotency.RequestFingerprints;
import org.custody.platform.subject.api.SubjectDataMapper;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.disclosure.v1.DecisionOutcome;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectDecision;
import org.custody.proto.disclosure.v1.SubjectList;

/** Disclosures between contract and domain. */
final class DisclosureMapper {
  private static final String BASIS = "DISCLOSURE_BASIS_";
  private static final String USE = "RECIPIENT_USE_";
  private static final String OUTCOME = "DECISION_OUTCOME_";

  private DisclosureMapper() {}

  /**
   * @param fingerprints the service's keyed request fingerprints: the stored digest lets a reused
   *     request id be refused without keeping a plain hash of the request (which names subjects)
   */
  static DisclosureRequest fromProto(RequestDisclosureRequest p, String caller, RequestFingerprints fingerprints) {
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    p.getCategoriesList().forEach(c -> categories.add(DataCategory.fromProto(c)));
    Scope scope = switch (p.getScope().getScopeCase()) {
      case SUBJECTS -> Scope.subjects(p.getScope().getSubjects().getSubjectsList().stream().map(SubjectDataMapper::subject).toList());
      case PROJECT -> Scope.project(p.getScope().getProject());
      case ALL_SUBJECTS -> Scope.allSubjects();
      case SCOPE_NOT_SET -> throw new IllegalStateException("protovalidate requires a scope");
    };
    Evidence evidence = new Evidence(optional(p.getEvidence().getCaseReference()), optional(p.getEvidence().getAuthority()),
        optional(p.getEvidence().getRequestReference()));
    return new DisclosureRequest(ResourceNames.id("recipient", p.getRecipient(), "recipients/{recipient}"), scope, categories,
        Purpose.fromProto(p.getPurpose()), ProtoEnums.toDomain(p.getBasis(), BASIS, DisclosureBasis.class),
        ProtoEnums.toDomain(p.getRecipientUse(), USE, RecipientUse.class), evidence, p.getRequestedBy(), caller, p.getRequestId(),
        fingerprints.of(p));
  }

  static org.custody.proto.disclosure.v1.Disclosure toProto(Disclosure d) {
    DisclosureRequest r = d.request();
    var b = org.custody.proto.disclosure.v1.Disclosure.newBuilder()
        .setName(d.name())
        .setRecipient("recipients/" + r.recipientId())
        .setRecipientVersion(d.recipientVersion())
        .setScope(scope(r.scope()))
        .setPurpose(r.purpose().toProto())
        .setBasis(ProtoEnums.toProto(r.basis(), BASIS, org.custody.proto.disclosure.v1.DisclosureBasis::valueOf))
        .setRecipientUse(ProtoEnums.toProto(r.use(), USE, org.custody.proto.disclosure.v1.RecipientUse::valueOf))
        .setRequestedBy(r.requestedBy())
        .setOutcome(outcome(d.outcome()))
        .setRule(d.decision().rule())
        .setReason(d.decision().reason())
        .setDecideTime(ProtoTimes.timestamp(d.decideTime()))
        .setReleased(d.release().isPresent())
        .setLedgerIndex(d.ledgerIndex());
    r.categories().stream().sorted().forEach(c -> b.addRequestedCategories(c.toProto()));
    d.decision().allowedCategories().stream().sorted().forEach(c -> b.addAllowedCategories(c.toProto()));
    var evidence = org.custody.proto.disclosure.v1.Evidence.newBuilder();
    r.evidence().caseReference().ifPresent(evidence::setCaseReference);
    r.evidence().authority().ifPresent(evidence::setAuthority);
    r.evidence().requestReference().ifPresent(evidence::setRequestReference);
    b.setEvidence(evidence);
    if (r.basis() == DisclosureBasis.CONSENT) {
      d.decision().subjects().forEach(s -> b.addSubjectDecisions(SubjectDecision.newBuilder()
          .setSubject(SubjectDataMapper.toProto(s.subject())).setOutcome(outcome(s.outcome())).setReason(s.reason())));
    }
    d.expireTime().ifPresent(t -> b.setExpireTime(ProtoTimes.timestamp(t)));
    d.noticePeriodEnd().ifPresent(t -> b.setNoticePeriodEndTime(ProtoTimes.timestamp(t)));
    return b.build();
  }

  static DecisionOutcome outcome(Outcome outcome) {
    return ProtoEnums.toProto(outcome, OUTCOME, DecisionOutcome::valueOf);
  }

  static ExportSubjectDataResponse toProto(LeafExport export) {
    ExportSubjectDataResponse.Builder b = ExportSubjectDataResponse.newBuilder()
        .setService(export.service())
        .setExportTime(ProtoTimes.timestamp(export.exportTime()));
    for (ExportRecord record : export.records()) {
      SubjectRecord.Builder r = SubjectRecord.newBuilder().setKind(record.kind()).setName(record.name());
      for (ExportField field : record.fields()) {
        r.addFields(SubjectField.newBuilder().setName(field.name()).setCategory(field.category().toProto()).setValue(field.value()));
      }
      b.addRecords(r);
    }
    return b.build();
  }

  private static DisclosureScope scope(Scope scope) {
    return switch (scope.kind()) {
      case SUBJECTS -> DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder()
          .addAllSubjects(scope.subjects().stream().map(SubjectDataMapper::toProto).toList())).build();
      case PROJECT -> DisclosureScope.newBuilder().setProject(scope.project().orElseThrow()).build();
      case ALL_SUBJECTS -> DisclosureScope.newBuilder().setAllSubjects(true).build();
    };
  }

  private static Optional<String> optional(String s) {
    return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

}
