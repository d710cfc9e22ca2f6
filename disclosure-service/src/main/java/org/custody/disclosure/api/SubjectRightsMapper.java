package org.custody.disclosure.api;

import java.util.Optional;
import org.custody.disclosure.erasure.Erasure;
import org.custody.disclosure.erasure.ErasureStep;
import org.custody.disclosure.erasure.ServiceReceipt;
import org.custody.disclosure.rights.SubjectExport;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.session.SubjectCheck;
import org.custody.platform.subject.api.SubjectDataMapper;
import org.custody.proto.common.v1.ErasedItem;
import org.custody.proto.common.v1.ErasureReceipt;
import org.custody.proto.common.v1.RetainedItem;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.ErasureState;
import org.custody.proto.disclosure.v1.ServiceErasure;
import org.custody.proto.disclosure.v1.ServiceErasureState;

/** Exports and erasures between domain and contract. */
final class SubjectRightsMapper {
  private SubjectRightsMapper() {}

  static org.custody.proto.disclosure.v1.SubjectExport toProto(SubjectExport e) {
    var b = org.custody.proto.disclosure.v1.SubjectExport.newBuilder()
        .setName(e.name())
        .setSubject(SubjectDataMapper.toProto(e.subject()))
        .setDocument(e.document().orElse(""))
        .setCreateTime(ProtoTimes.timestamp(e.releaseTime().orElse(e.createTime())));
    e.ledgerIndex().ifPresent(b::setLedgerIndex);
    return b.build();
  }

  static org.custody.proto.disclosure.v1.Erasure toProto(Erasure e) {
    var b = org.custody.proto.disclosure.v1.Erasure.newBuilder()
        .setName(e.name())
        // A subject known by e-mail is shown by project only once erased: the address is not kept.
        .setSubject(e.subject().map(SubjectDataMapper::toProto).orElse(SubjectRef.newBuilder().setProject(e.project()).build()))
        .setState(switch (e.state()) {
          case IN_PROGRESS -> ErasureState.ERASURE_STATE_IN_PROGRESS;
          case COMPLETED -> ErasureState.ERASURE_STATE_COMPLETED;
        })
        .addAllNotifiedRecipients(e.notifiedRecipients())
        .setCreateTime(ProtoTimes.timestamp(e.createTime()))
        .setLedgerIndex(e.ledgerIndex());
    e.completeTime().ifPresent(t -> b.setCompleteTime(ProtoTimes.timestamp(t)));
    e.completeLedgerIndex().ifPresent(b::setCompleteLedgerIndex);
    for (ErasureStep s : e.steps()) {
      b.addServices(toProto(e, s));
    }
    return b.build();
  }

  private static ServiceErasure toProto(Erasure e, ErasureStep s) {
    ServiceErasure.Builder b = ServiceErasure.newBuilder()
        .setService(s.service())
        .setState(switch (s.state()) {
          case PENDING -> ServiceErasureState.SERVICE_ERASURE_STATE_PENDING;
          case DONE -> ServiceErasureState.SERVICE_ERASURE_STATE_DONE;
          case RETAINED -> ServiceErasureState.SERVICE_ERASURE_STATE_RETAINED;
        })
        .setAttempts(s.attempts());
    if (!s.confirmed()) {
      s.nextAttemptTime().ifPresent(t -> b.setNextAttemptTime(ProtoTimes.timestamp(t)));
      s.lastFailure().ifPresent(b::setLastFailure);
    }
    s.receipt().ifPresent(r -> b.setReceipt(toProto(s.service(), e.name(), r)));
    return b.build();
  }

  private static ErasureReceipt toProto(String service, String erasure, ServiceReceipt r) {
    ErasureReceipt.Builder b = ErasureReceipt.newBuilder()
        .setService(service)
        .setReceiptId(r.id())
        .setErasure(erasure)
        .setEraseTime(ProtoTimes.timestamp(r.eraseTime()));
    r.erased().forEach(x -> b.addErased(ErasedItem.newBuilder().setKind(x.kind()).setCount(x.count())));
    for (ServiceReceipt.Kept k : r.kept()) {
      RetainedItem.Builder item = RetainedItem.newBuilder().setKind(k.kind()).setCount(k.count()).setLegalBasis(k.legalBasis());
      k.purgeTime().ifPresent(t -> item.setPurgeTime(ProtoTimes.timestamp(t)));
      k.categories().forEach(c -> item.addCategories(c.toProto()));
      b.addRetained(item);
    }
    return b.build();
  }

  /**
   * The subject's session: the {@code x-custody-session} header, as on every subject-bound call,
   * or the request's older {@code session_token} field (kept for clients written before the header).
   */
  static Optional<String> token(String sessionToken) {
    return sessionToken.isEmpty() ? SubjectCheck.currentToken() : Optional.of(sessionToken);
  }
}
