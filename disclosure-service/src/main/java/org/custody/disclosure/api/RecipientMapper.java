package org.custody.disclosure.api;

import com.google.protobuf.Timestamp;
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
  private RecipientMapper() {}

  static Recipient fromProto(String id, org.custody.proto.disclosure.v1.Recipient p) {
    Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    p.getPermittedPurposesList().forEach(x -> purposes.add(Purpose.fromProto(x)));
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    p.getPermittedCategoriesList().forEach(x -> categories.add(DataCategory.fromProto(x)));
    Optional<Recipient.Nda> nda = p.hasNda()
        ? Optional.of(new Recipient.Nda(p.getNda().getReference(), instant(p.getNda().getStartTime()), instant(p.getNda().getEndTime())))
        : Optional.empty();
    return new Recipient(id, 0, p.getDisplayName(), RecipientKind.valueOf(p.getKind().name().substring("RECIPIENT_KIND_".length())),
        purposes, categories, nda, optional(p.getControllingEntity()), optional(p.getNoticeEmail()), Instant.EPOCH);
  }

  static org.custody.proto.disclosure.v1.Recipient toProto(Recipient r) {
    var b = org.custody.proto.disclosure.v1.Recipient.newBuilder()
        .setName("recipients/" + r.id())
        .setDisplayName(r.displayName())
        .setKind(org.custody.proto.disclosure.v1.RecipientKind.valueOf("RECIPIENT_KIND_" + r.kind().name()))
        .setVersion(r.version())
        .setUpdateTime(timestamp(r.updateTime()));
    r.permittedPurposes().forEach(x -> b.addPermittedPurposes(x.toProto()));
    r.permittedCategories().forEach(x -> b.addPermittedCategories(x.toProto()));
    r.nda().ifPresent(n -> b.setNda(NonDisclosureAgreement.newBuilder()
        .setReference(n.reference()).setStartTime(timestamp(n.start())).setEndTime(timestamp(n.end()))));
    r.controllingEntity().ifPresent(b::setControllingEntity);
    r.noticeEmail().ifPresent(b::setNoticeEmail);
    return b.build();
  }

  private static Optional<String> optional(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
