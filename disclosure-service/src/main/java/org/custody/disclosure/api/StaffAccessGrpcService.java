package org.custody.disclosure.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.staffaccess.StaffAccesses;
import org.custody.platform.access.CallContext;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.staffaccess.StaffAccess;
import org.custody.proto.disclosure.v1.RecordStaffAccessRequest;
import org.custody.proto.disclosure.v1.RecordStaffAccessResponse;
import org.custody.proto.disclosure.v1.StaffAccessServiceGrpc;

/**
 * The StaffAccessService adapter: a leaf records a staff read of its own data. A leaf may only
 * record reads of its own methods ({@code custody.<caller>.v1.…}): one leaf cannot write
 * accesses in another's name.
 */
public final class StaffAccessGrpcService extends StaffAccessServiceGrpc.StaffAccessServiceImplBase {
  private final StaffAccesses accesses;

  public StaffAccessGrpcService(StaffAccesses accesses) {
    this.accesses = accesses;
  }

  @Override
  public void recordStaffAccess(RecordStaffAccessRequest request, StreamObserver<RecordStaffAccessResponse> response) {
    if (!request.getMethod().startsWith("custody." + CallContext.caller() + ".v1.")) {
      throw DomainException.invalidField("method", "must be a method of the calling service");
    }
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    request.getCategoriesList().forEach(c -> categories.add(DataCategory.fromProto(c)));
    var subject = request.getSubject();
    StaffAccess access = new StaffAccess(subject.getProject(),
        subject.hasAccount() ? Optional.of(subject.getAccount()) : Optional.empty(),
        subject.hasEmail() ? Optional.of(subject.getEmail()) : Optional.empty(),
        request.getStaffCaller(), request.getMethod(), Purpose.fromProto(request.getPurpose()), categories);
    reply(response, RecordStaffAccessResponse.newBuilder().setLedgerIndex(accesses.append(access)).build());
  }
}
