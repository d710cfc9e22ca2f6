package org.custody.identity.api;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.identity.subject.ErasureReceipt;
import org.custody.identity.subject.SubjectData;
import org.custody.identity.subject.SubjectField;
import org.custody.identity.subject.SubjectRecord;
import org.custody.identity.subject.SubjectRef;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ErasedItem;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;

/** The common SubjectDataService, as identity implements it (P13). */
public final class SubjectDataGrpcService extends SubjectDataServiceGrpc.SubjectDataServiceImplBase {
  static final String SERVICE = "identity";

  private final SubjectData subjects;
  private final Idempotency idempotency;
  private final Clock clock;

  public SubjectDataGrpcService(SubjectData subjects, Idempotency idempotency, Clock clock) {
    this.subjects = subjects;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @Override
  public void exportSubjectData(ExportSubjectDataRequest request, StreamObserver<ExportSubjectDataResponse> response) {
    SubjectRef subject = subject(request.getSubject());
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    request.getCategoriesList().forEach(c -> categories.add(DataCategory.fromProto(c)));
    List<SubjectRecord> records = subjects.export(subject, categories);
    ExportSubjectDataResponse.Builder builder = ExportSubjectDataResponse.newBuilder()
        .setService(SERVICE)
        .setExportTime(Timestamps.of(clock.instant()));
    for (SubjectRecord record : records) {
      var proto = org.custody.proto.common.v1.SubjectRecord.newBuilder().setKind(record.kind()).setName(record.name());
      for (SubjectField field : record.fields()) {
        proto.addFields(org.custody.proto.common.v1.SubjectField.newBuilder()
            .setName(field.name()).setCategory(field.category().toProto()).setValue(field.value()));
      }
      builder.addRecords(proto);
    }
    response.onNext(builder.build());
    response.onCompleted();
  }

  @Override
  public void eraseSubjectData(EraseSubjectDataRequest request, StreamObserver<EraseSubjectDataResponse> response) {
    SubjectRef subject = subject(request.getSubject());
    Optional<String> erasure = request.getErasure().isEmpty() ? Optional.empty() : Optional.of(request.getErasure());
    response.onNext(idempotency.execute(request.getRequestId(), request, EraseSubjectDataResponse.parser(), () -> {
      ErasureReceipt receipt = subjects.erase(subject, erasure);
      var proto = org.custody.proto.common.v1.ErasureReceipt.newBuilder()
          .setService(SERVICE)
          .setReceiptId(receipt.receiptId())
          .setErasure(receipt.erasure().orElse(""))
          .setEraseTime(Timestamps.of(receipt.eraseTime()));
      for (Map.Entry<String, Long> item : receipt.erased().entrySet()) {
        proto.addErased(ErasedItem.newBuilder().setKind(item.getKey()).setCount(item.getValue()));
      }
      return EraseSubjectDataResponse.newBuilder().setReceipt(proto).build();
    }));
    response.onCompleted();
  }

  private static SubjectRef subject(org.custody.proto.common.v1.SubjectRef subject) {
    String projectId = Names.projectId("subject.project", subject.getProject());
    if (subject.hasAccount()) {
      List<String> account = Names.parseAccount("subject.account", subject.getAccount());
      if (!account.get(0).equals(projectId)) {
        throw DomainException.invalidField("subject.account", "must belong to project");
      }
      return SubjectRef.account(projectId, account.get(1));
    }
    return SubjectRef.email(projectId, subject.getEmail());
  }
}
