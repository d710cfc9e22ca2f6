package org.custody.platform.subject.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.custody.platform.access.CallContext;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.idempotency.Idempotency;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.subject.SubjectRights;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataResponse;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code custody.common.v1.SubjectDataService} (P13) for any leaf service: parses and checks the
 * subject reference, makes one call to the service's {@link SubjectRights}, and maps the answer.
 * Erasure runs under the idempotency keys (a retry with the same {@code request_id} gets the
 * first receipt; receipts hold no personal data, so they may be kept as replies).
 *
 * <p>Log lines name the service, counts, the disclosure or erasure request and the caller, never
 * the subject: for some services (analytics) even an account id must not reach a log.
 */
public final class SubjectDataGrpcService extends SubjectDataServiceGrpc.SubjectDataServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(SubjectDataGrpcService.class);

  private final String service;
  private final SubjectRights rights;
  private final Idempotency idempotency;
  private final Clock clock;

  /**
   * @param service the service's name as receipts and exports carry it, e.g. "billing"
   */
  public SubjectDataGrpcService(String service, SubjectRights rights, Idempotency idempotency, Clock clock) {
    this.service = service;
    this.rights = rights;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @Override
  public void exportSubjectData(ExportSubjectDataRequest request, StreamObserver<ExportSubjectDataResponse> response) {
    Subject subject = SubjectDataMapper.subject(request.getSubject());
    CategoryFilter categories = SubjectDataMapper.categories(request.getCategoriesList());
    Optional<String> disclosure = SubjectDataMapper.optional(request.getDisclosure());
    List<SubjectRecord> records = rights.export(subject, categories, disclosure);
    ExportSubjectDataResponse.Builder b = ExportSubjectDataResponse.newBuilder()
        .setService(service)
        .setExportTime(ProtoTimes.timestamp(clock.instant()));
    records.forEach(r -> b.addRecords(SubjectDataMapper.toProto(r)));
    log.info("subject export service={} records={} categories={} disclosure={} caller={} purpose={}", service, records.size(),
        categories, disclosure.orElse("-"), CallContext.caller(), CallContext.purpose());
    reply(response, b.build());
  }

  @Override
  public void eraseSubjectData(EraseSubjectDataRequest request, StreamObserver<EraseSubjectDataResponse> response) {
    Subject subject = SubjectDataMapper.subject(request.getSubject());
    Optional<String> erasure = SubjectDataMapper.optional(request.getErasure());
    EraseSubjectDataResponse answer = idempotency.execute(request.getRequestId(), request, EraseSubjectDataResponse.parser(), () -> {
      ErasureReceipt receipt = rights.erase(subject, erasure);
      log.info("subject erasure service={} receipt={} erasure={} erased={} retained={} caller={}", service, receipt.id(),
          erasure.orElse("-"), receipt.erased().stream().mapToLong(ErasureReceipt.Erased::count).sum(),
          receipt.retained().stream().mapToLong(ErasureReceipt.Retained::count).sum(), CallContext.caller());
      return EraseSubjectDataResponse.newBuilder().setReceipt(SubjectDataMapper.toProto(service, receipt)).build();
    });
    reply(response, answer);
  }
}
