package org.custody.analytics.api;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.custody.analytics.subject.ErasureReceipt;
import org.custody.analytics.subject.ExportedRecord;
import org.custody.analytics.subject.Subject;
import org.custody.analytics.subject.SubjectData;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.common.v1.ErasedItem;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.common.v1.SubjectRef;

/** The analytics side of SubjectDataService (P13): survey responses tied to the subject's account. */
public final class SubjectDataGrpcService extends SubjectDataServiceGrpc.SubjectDataServiceImplBase {
  private static final String SERVICE = "analytics";

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
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    request.getCategoriesList().forEach(c -> categories.add(DataCategory.fromProto(c)));
    ExportSubjectDataResponse.Builder builder = ExportSubjectDataResponse.newBuilder()
        .setService(SERVICE)
        .setExportTime(timestamp(clock.instant()));
    for (ExportedRecord record : subjects.export(subject(request.getSubject()), categories,
        request.getDisclosure().isEmpty() ? Optional.empty() : Optional.of(request.getDisclosure()))) {
      SubjectRecord.Builder out = SubjectRecord.newBuilder().setKind(record.kind()).setName(record.name());
      for (ExportedRecord.Field field : record.fields()) {
        out.addFields(SubjectField.newBuilder()
            .setName(field.name())
            .setCategory(field.category().toProto())
            .setValue(field.value()));
      }
      builder.addRecords(out);
    }
    response.onNext(builder.build());
    response.onCompleted();
  }

  @Override
  public void eraseSubjectData(EraseSubjectDataRequest request, StreamObserver<EraseSubjectDataResponse> response) {
    Subject subject = subject(request.getSubject());
    response.onNext(idempotency.execute(request.getRequestId(), request, EraseSubjectDataResponse.parser(), () -> {
      ErasureReceipt receipt = subjects.erase(subject,
          request.getErasure().isEmpty() ? Optional.empty() : Optional.of(request.getErasure()));
      return EraseSubjectDataResponse.newBuilder()
          .setReceipt(org.custody.proto.common.v1.ErasureReceipt.newBuilder()
              .setService(SERVICE)
              .setReceiptId(receipt.receiptId())
              .setErasure(receipt.erasure().orElse(""))
              .setEraseTime(timestamp(receipt.eraseTime()))
              .addErased(ErasedItem.newBuilder().setKind(ErasureReceipt.SURVEY_RESPONSE).setCount(receipt.surveyResponsesErased())))
          .build();
    }));
    response.onCompleted();
  }

  private static Subject subject(SubjectRef ref) {
    String projectId = ResourceNames.id("subject.project", ref.getProject(), "projects/{project}");
    return new Subject(projectId,
        ref.getIdentifierCase() == SubjectRef.IdentifierCase.ACCOUNT ? Optional.of(ref.getAccount()) : Optional.empty());
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
