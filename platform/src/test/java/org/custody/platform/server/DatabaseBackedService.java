package org.custody.platform.server;

import io.grpc.stub.StreamObserver;
import org.custody.platform.db.Database;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.common.v1.SubjectRef;

/** A test service whose export needs the database (one query), to observe outages. */
final class DatabaseBackedService extends SubjectDataServiceGrpc.SubjectDataServiceImplBase {
  private final Database database;

  DatabaseBackedService(Database database) {
    this.database = database;
  }

  static ExportSubjectDataRequest request() {
    return ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail("jane@example.com")).build();
  }

  @Override
  public void exportSubjectData(ExportSubjectDataRequest request, StreamObserver<ExportSubjectDataResponse> response) {
    Integer one = database.dsl().selectOne().fetchOne(0, Integer.class);
    response.onNext(ExportSubjectDataResponse.newBuilder()
        .addRecords(SubjectRecord.newBuilder().setKind("probe").setName(String.valueOf(one))).build());
    response.onCompleted();
  }

  @Override
  public void eraseSubjectData(EraseSubjectDataRequest request, StreamObserver<EraseSubjectDataResponse> response) {
    response.onNext(EraseSubjectDataResponse.getDefaultInstance());
    response.onCompleted();
  }
}
