package org.custody.billing.api;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.custody.billing.RandomIds;
import org.custody.billing.Subject;
import org.custody.billing.subjectdata.CategoryFilter;
import org.custody.billing.subjectdata.ErasureReceipt;
import org.custody.billing.subjectdata.SubjectErasure;
import org.custody.billing.subjectdata.SubjectExport;
import org.custody.billing.subjectdata.SubjectRecord;
import org.custody.platform.access.CallContext;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ErasedItem;
import org.custody.proto.common.v1.ErasureReceipt.Builder;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.RetainedItem;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subject-rights contract (P13) for billing. Subjects are accounts; a person known only by
 * e-mail has no billing data, so their export is empty and their erasure has nothing to erase.
 */
public final class SubjectDataGrpcService extends SubjectDataServiceGrpc.SubjectDataServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(SubjectDataGrpcService.class);
  static final String SERVICE = "billing";

  private final SubjectExport export;
  private final SubjectErasure erasure;
  private final Idempotency idempotency;
  private final RandomIds ids;
  private final Clock clock;

  public SubjectDataGrpcService(SubjectExport export, SubjectErasure erasure, Idempotency idempotency, RandomIds ids, Clock clock) {
    this.export = export;
    this.erasure = erasure;
    this.idempotency = idempotency;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public void exportSubjectData(ExportSubjectDataRequest request, StreamObserver<ExportSubjectDataResponse> response) {
    ExportSubjectDataResponse.Builder b = ExportSubjectDataResponse.newBuilder()
        .setService(SERVICE)
        .setExportTime(ProtoTimes.timestamp(clock.instant()));
    SubjectRef ref = request.getSubject();
    if (ref.hasAccount()) {
      Subject subject = Names.account("subject.account", ref.getAccount());
      Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
      request.getCategoriesList().forEach(c -> categories.add(DataCategory.fromProto(c)));
      List<SubjectRecord> records = export.export(subject, CategoryFilter.of(categories));
      records.forEach(r -> b.addRecords(toProto(r)));
      log.info("exported subject={} records={} categories={} disclosure={} caller={} purpose={}", subject, records.size(),
          categories.isEmpty() ? "all" : categories, request.getDisclosure().isEmpty() ? "-" : request.getDisclosure(),
          CallContext.caller(), CallContext.purpose());
    }
    response.onNext(b.build());
    response.onCompleted();
  }

  @Override
  public void eraseSubjectData(EraseSubjectDataRequest request, StreamObserver<EraseSubjectDataResponse> response) {
    SubjectRef ref = request.getSubject();
    EraseSubjectDataResponse answer = idempotency.execute(request.getRequestId(), request, EraseSubjectDataResponse.parser(), () -> {
      if (!ref.hasAccount()) {
        return EraseSubjectDataResponse.newBuilder().setReceipt(org.custody.proto.common.v1.ErasureReceipt.newBuilder()
            .setService(SERVICE).setReceiptId(ids.nextLong()).setErasure(request.getErasure())
            .setEraseTime(ProtoTimes.timestamp(clock.instant()))).build();
      }
      Subject subject = Names.account("subject.account", ref.getAccount());
      return EraseSubjectDataResponse.newBuilder().setReceipt(toProto(erasure.erase(subject, request.getErasure()))).build();
    });
    response.onNext(answer);
    response.onCompleted();
  }

  private static org.custody.proto.common.v1.SubjectRecord toProto(SubjectRecord record) {
    org.custody.proto.common.v1.SubjectRecord.Builder b = org.custody.proto.common.v1.SubjectRecord.newBuilder().setKind(record.kind());
    record.name().ifPresent(b::setName);
    record.fields().forEach(f -> b.addFields(SubjectField.newBuilder().setName(f.name()).setCategory(f.category().toProto()).setValue(f.value())));
    return b.build();
  }

  private static org.custody.proto.common.v1.ErasureReceipt toProto(ErasureReceipt receipt) {
    Builder b = org.custody.proto.common.v1.ErasureReceipt.newBuilder()
        .setService(SERVICE)
        .setReceiptId(receipt.id())
        .setErasure(receipt.erasure())
        .setEraseTime(ProtoTimes.timestamp(receipt.eraseTime()));
    receipt.erased().forEach(e -> b.addErased(ErasedItem.newBuilder().setKind(e.kind()).setCount(e.count())));
    receipt.retained().forEach(r -> {
      RetainedItem.Builder item = RetainedItem.newBuilder().setKind(r.kind()).setCount(r.count()).setLegalBasis(r.legalBasis())
          .setPurgeTime(ProtoTimes.timestamp(r.purgeTime()));
      r.categories().forEach(c -> item.addCategories(c.toProto()));
      b.addRetained(item);
    });
    return b.build();
  }
}
