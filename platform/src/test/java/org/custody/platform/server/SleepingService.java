package org.custody.platform.server;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.custody.platform.db.Database;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.common.v1.SubjectRef;

/**
 * A test service whose export runs one statement: {@code SELECT SLEEP(n)} for a subject of
 * project {@code projects/sleep-n}, else {@code SELECT 1}. It records when each handler let go
 * of its thread (normally or not), so a test can tell how long server-side work outlived its call.
 */
final class SleepingService extends SubjectDataServiceGrpc.SubjectDataServiceImplBase {
  private final Database database;
  final BlockingQueue<Long> handlerEnds = new ArrayBlockingQueue<>(1000);

  SleepingService(Database database) {
    this.database = database;
  }

  static ExportSubjectDataRequest sleeping(int seconds) {
    return ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/sleep-" + seconds).setEmail("jane@example.com")).build();
  }

  static ExportSubjectDataRequest quick() {
    return sleeping(0);
  }

  @Override
  public void exportSubjectData(ExportSubjectDataRequest request, StreamObserver<ExportSubjectDataResponse> response) {
    try {
      int seconds = Integer.parseInt(request.getSubject().getProject().substring("projects/sleep-".length()));
      Object answer = seconds == 0 ? database.dsl().selectOne().fetchOne(0)
          : database.dsl().fetchValue("SELECT SLEEP(" + seconds + ")");
      response.onNext(ExportSubjectDataResponse.newBuilder()
          .addRecords(SubjectRecord.newBuilder().setKind("probe").setName(String.valueOf(answer))).build());
      response.onCompleted();
    } finally {
      handlerEnds.add(System.nanoTime());
    }
  }

  @Override
  public void eraseSubjectData(EraseSubjectDataRequest request, StreamObserver<EraseSubjectDataResponse> response) {
    response.onNext(EraseSubjectDataResponse.getDefaultInstance());
    response.onCompleted();
  }
}
