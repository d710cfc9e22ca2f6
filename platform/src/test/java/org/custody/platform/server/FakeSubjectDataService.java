package org.custody.platform.server;

import io.grpc.stub.StreamObserver;
import org.custody.platform.access.CallContext;
import org.custody.platform.errors.DomainException;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectRecord;

/** A service for exercising the server's interceptor chain; its answers depend on the e-mail. */
final class FakeSubjectDataService extends SubjectDataServiceGrpc.SubjectDataServiceImplBase {
  @Override
  public void exportSubjectData(ExportSubjectDataRequest request, StreamObserver<ExportSubjectDataResponse> response) {
    String email = request.getSubject().getEmail();
    if (email.startsWith("missing")) {
      throw DomainException.notFound("subject");
    }
    if (email.startsWith("boom")) {
      throw new IllegalStateException("unexpected failure while handling " + email);
    }
    response.onNext(ExportSubjectDataResponse.newBuilder()
        .setService("platform-test")
        .addRecords(SubjectRecord.newBuilder().setKind("caller").setName(CallContext.caller() + "/" + CallContext.purpose()))
        .build());
    response.onCompleted();
  }

  @Override
  public void eraseSubjectData(EraseSubjectDataRequest request, StreamObserver<EraseSubjectDataResponse> response) {
    response.onNext(EraseSubjectDataResponse.getDefaultInstance());
    response.onCompleted();
  }
}
