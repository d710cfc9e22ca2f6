package org.custody.disclosure.api;

import org.custody.platform.api.ProtoTimes;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.consent.CaptureMethod;
import org.custody.disclosure.consent.Consent;
import org.custody.platform.access.Purpose;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.api.SubjectDataMapper;
import org.custody.proto.disclosure.v1.ConsentState;
import org.custody.proto.disclosure.v1.GrantConsentRequest;

/** Consents between contract and domain. */
final class ConsentMapper {
  private static final String CAPTURE = "CAPTURE_METHOD_";
  private static final String STATE = "CONSENT_STATE_";

  private ConsentMapper() {}

  static Consent fromGrant(GrantConsentRequest p) {
    Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    p.getPurposesList().forEach(x -> purposes.add(Purpose.fromProto(x)));
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    p.getCategoriesList().forEach(x -> categories.add(DataCategory.fromProto(x)));
    return new Consent("", SubjectDataMapper.subject(p.getSubject()), ResourceNames.id("recipient", p.getRecipient(), "recipients/{recipient}"),
        purposes, categories, p.hasExpireTime() ? Optional.of(ProtoTimes.instant(p.getExpireTime())) : Optional.empty(),
        p.getPolicyVersion(), ProtoEnums.toDomain(p.getCaptureMethod(), CAPTURE, CaptureMethod.class),
        p.getCaptureReference().isEmpty() ? Optional.empty() : Optional.of(p.getCaptureReference()),
        Instant.EPOCH, Optional.empty(), -1, Optional.empty());
  }

  static org.custody.proto.disclosure.v1.Consent toProto(Consent c, Instant now) {
    var b = org.custody.proto.disclosure.v1.Consent.newBuilder()
        .setName(c.name())
        .setSubject(SubjectDataMapper.toProto(c.subject()))
        .setRecipient("recipients/" + c.recipientId())
        .setPolicyVersion(c.policyVersion())
        .setCaptureMethod(ProtoEnums.toProto(c.captureMethod(), CAPTURE, org.custody.proto.disclosure.v1.CaptureMethod::valueOf))
        .setState(ProtoEnums.toProto(c.stateAt(now), STATE, ConsentState::valueOf))
        .setGrantTime(ProtoTimes.timestamp(c.grantTime()));
    c.purposes().stream().sorted().forEach(x -> b.addPurposes(x.toProto()));
    c.categories().stream().sorted().forEach(x -> b.addCategories(x.toProto()));
    c.expireTime().ifPresent(t -> b.setExpireTime(ProtoTimes.timestamp(t)));
    c.captureReference().ifPresent(b::setCaptureReference);
    c.revokeTime().ifPresent(t -> b.setRevokeTime(ProtoTimes.timestamp(t)));
    return b.build();
  }
}
