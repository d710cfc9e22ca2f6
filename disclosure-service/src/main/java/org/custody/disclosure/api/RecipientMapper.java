package org.custody.disclosure.api;

import org.custody.platform.api.ProtoTimes;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientKind;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.proto.disclosure.v1.NonDisclosureAgreement;

/** Recipients between contract and domain. */
final class RecipientMapper {
  private static final String KIND = "RECIPIENT_KIND_";

  private RecipientMapper() {}

  static Recipient fromProto(String id, org.custody.proto.disclosure.v1.Recipient p) {
    Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    p.getPermittedPurposesList().forEach(x -> purposes.add(Purpose.fromProto(x)));
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    p.getPermittedCategoriesList().forEach(x -> categories.add(DataCategory.fromProto(x)));
    Optional<Recipient.Nda> nda = p.hasNda()
        ? Optional.of(new Recipient.Nda(p.getNda().getReference(), ProtoTimes.instant(p.getNda().getStartTime()), ProtoTimes.instant(p.getNda().getEndTime())))
        : Optional.empty();
    RecipientKind kind = ProtoEnums.toDomain(p.getKind(), KIND, RecipientKind.class);
    return new Recipient(id, 0, p.getDisplayName(), kind, purposes, categories, nda, optional(p.getControllingEntity()),
        optional(p.getNoticeEmail()), Instant.EPOCH);
  }

  static org.custody.proto.disclosure.v1.Recipient toProto(Recipient r) {
    var b = org.custody.proto.disclosure.v1.Recipient.newBuilder()
        .setName(r.name())
        .setDisplayName(r.displayName())
        .setKind(ProtoEnums.toProto(r.kind(), KIND, org.custody.proto.disclosure.v1.RecipientKind::valueOf))
        .setVersion(r.version())
        .setUpdateTime(ProtoTimes.timestamp(r.updateTime()));
    r.permittedPurposes().stream().sorted().forEach(x -> b.addPermittedPurposes(x.toProto()));
    r.permittedCategories().stream().sorted().forEach(x -> b.addPermittedCategories(x.toProto()));
    r.nda().ifPresent(n -> b.setNda(NonDisclosureAgreement.newBuilder()
        .setReference(n.reference()).setStartTime(ProtoTimes.timestamp(n.start())).setEndTime(ProtoTimes.timestamp(n.end()))));
    r.controllingEntity().ifPresent(b::setControllingEntity);
    r.noticeEmail().ifPresent(b::setNoticeEmail);
    return b.build();
  }

  private static Optional<String> optional(String s) {
    return s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}
