package org.custody.disclosure.leaves;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.custody.disclosure.erasure.LeafErasures;
import org.custody.disclosure.erasure.ServiceReceipt;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.api.SubjectDataMapper;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.ErasureReceipt;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectField;
import org.custody.proto.common.v1.SubjectRecord;

/** EraseSubjectData on each leaf, and the account's address from identity's export, for SUBJECT_REQUEST. */
public final class GrpcLeafErasures implements LeafErasures {
  private final LeafChannels channels;

  public GrpcLeafErasures(LeafChannels channels) {
    this.channels = channels;
  }

  @Override
  public List<String> services() {
    return channels.subjectDataLeaves().stream().map(LeafChannels.Leaf::service).toList();
  }

  private SubjectDataServiceGrpc.SubjectDataServiceBlockingStub stub(String service) {
    LeafChannels.Leaf leaf = channels.subjectDataLeaves().stream().filter(l -> l.service().equals(service)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a leaf service"));
    return SubjectDataServiceGrpc.newBlockingStub(leaf.channel())
        .withCallCredentials(channels.clients().credentials(Purpose.SUBJECT_REQUEST))
        .withDeadlineAfter(channels.targets().callTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public ServiceReceipt erase(String service, Subject subject, String requestId, String erasureName) {
    ErasureReceipt receipt;
    try {
      receipt = stub(service).eraseSubjectData(EraseSubjectDataRequest.newBuilder().setSubject(SubjectDataMapper.toProto(subject))
          .setRequestId(requestId).setErasure(erasureName).build()).getReceipt();
    } catch (StatusRuntimeException e) {
      throw LeafCalls.failure(service, e);
    }
    return new ServiceReceipt(receipt.getReceiptId(), instant(receipt.getEraseTime()),
        receipt.getErasedList().stream().map(e -> new ServiceReceipt.Erased(e.getKind(), e.getCount())).toList(),
        receipt.getRetainedList().stream().map(r -> new ServiceReceipt.Kept(r.getKind(), r.getCount(), r.getLegalBasis(),
            r.hasPurgeTime() ? Optional.of(instant(r.getPurgeTime())) : Optional.empty(),
            r.getCategoriesList().stream().flatMap(c -> DataCategory.parse(c.name()).stream()).toList())).toList());
  }

  @Override
  public Optional<ReceiptAddress> receiptAddress(Subject subject) {
    if (subject.email().isPresent()) {
      return Optional.of(new ReceiptAddress(subject.email().get(), Optional.empty()));
    }
    ExportSubjectDataResponse response;
    try {
      response = stub("identity").exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(SubjectDataMapper.toProto(subject))
          .addCategories(DataCategory.USER_CONTACT_EMAIL.toProto()).addCategories(DataCategory.USER_NAME.toProto()).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw LeafCalls.failure("identity", e);
    }
    for (SubjectRecord record : response.getRecordsList()) {
      if (!record.getKind().equals("account")) {
        continue;
      }
      Optional<String> email = value(record, DataCategory.USER_CONTACT_EMAIL);
      if (email.isPresent()) {
        return Optional.of(new ReceiptAddress(email.get(), value(record, DataCategory.USER_NAME)));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> value(SubjectRecord record, DataCategory category) {
    return record.getFieldsList().stream().filter(f -> f.getCategory() == category.toProto()).map(SubjectField::getValue)
        .filter(v -> !v.isEmpty()).findFirst();
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
