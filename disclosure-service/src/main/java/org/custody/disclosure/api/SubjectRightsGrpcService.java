package org.custody.disclosure.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.custody.disclosure.erasure.Erasure;
import org.custody.disclosure.erasure.ErasureStore;
import org.custody.disclosure.erasure.Erasures;
import org.custody.disclosure.rights.SubjectExport;
import org.custody.disclosure.rights.SubjectExports;
import org.custody.platform.subject.api.SubjectDataMapper;
import org.custody.platform.access.CallContext;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.RequestFingerprints;
import org.custody.proto.disclosure.v1.CreateErasureRequest;
import org.custody.proto.disclosure.v1.CreateErasureResponse;
import org.custody.proto.disclosure.v1.CreateExportRequest;
import org.custody.proto.disclosure.v1.CreateExportResponse;
import org.custody.proto.disclosure.v1.GetErasureRequest;
import org.custody.proto.disclosure.v1.GetErasureResponse;
import org.custody.proto.disclosure.v1.GetExportRequest;
import org.custody.proto.disclosure.v1.GetExportResponse;
import org.custody.proto.disclosure.v1.ListErasuresRequest;
import org.custody.proto.disclosure.v1.ListErasuresResponse;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;

/**
 * The SubjectRightsService adapter (P13). Exports and erasures keep their own request ids and
 * request fingerprints durably (an erasure's outlives any idempotency key's retention), so a
 * retry returns what the first request made; replies naming a subject are read again each time.
 */
public final class SubjectRightsGrpcService extends SubjectRightsServiceGrpc.SubjectRightsServiceImplBase {
  private final PageTokens pageTokens;
  private final SubjectExports exports;
  private final Erasures erasures;
  private final RequestFingerprints fingerprints;

  public SubjectRightsGrpcService(SubjectExports exports, Erasures erasures, RequestFingerprints fingerprints, PageTokens pageTokens) {
    this.pageTokens = pageTokens;
    this.exports = exports;
    this.erasures = erasures;
    this.fingerprints = fingerprints;
  }

  @Override
  public void createExport(CreateExportRequest request, StreamObserver<CreateExportResponse> response) {
    // Without a request id every call is a new export.
    String requestId = request.getRequestId().isEmpty() ? UUID.randomUUID().toString() : request.getRequestId();
    SubjectExport export = exports.create(CallContext.caller(), CallContext.purpose(), SubjectDataMapper.subject(request.getSubject()),
        SubjectRightsMapper.token(request.getSessionToken()), requestId, fingerprints.of(request));
    reply(response, CreateExportResponse.newBuilder().setExport(SubjectRightsMapper.toProto(export)).build());
  }

  @Override
  public void getExport(GetExportRequest request, StreamObserver<GetExportResponse> response) {
    String id = ResourceNames.id("name", request.getName(), "exports/{export}");
    reply(response, GetExportResponse.newBuilder().setExport(SubjectRightsMapper.toProto(
        exports.get(CallContext.caller(), id, SubjectRightsMapper.token(request.getSessionToken())))).build());
  }

  @Override
  public void createErasure(CreateErasureRequest request, StreamObserver<CreateErasureResponse> response) {
    Erasure erasure = erasures.request(CallContext.caller(), CallContext.purpose(), SubjectDataMapper.subject(request.getSubject()),
        SubjectRightsMapper.token(request.getSessionToken()), request.getRequestId(), fingerprints.of(request));
    reply(response, CreateErasureResponse.newBuilder().setErasure(SubjectRightsMapper.toProto(erasure)).build());
  }

  @Override
  public void getErasure(GetErasureRequest request, StreamObserver<GetErasureResponse> response) {
    String id = ResourceNames.id("name", request.getName(), "erasures/{erasure}");
    reply(response, GetErasureResponse.newBuilder().setErasure(SubjectRightsMapper.toProto(erasures.get(id))).build());
  }

  @Override
  public void listErasures(ListErasuresRequest request, StreamObserver<ListErasuresResponse> response) {
    int size = PageTokens.size(request.getPageSize(), 50);
    Optional<ErasureStore.Cursor> after = cursor(pageTokens.cursor(request));
    Slice<Erasure> page = Slice.fetch(size, limit -> erasures.list(after, limit),
        last -> last.createTime().getEpochSecond() + ":" + last.createTime().getNano() + ":" + last.id());
    ListErasuresResponse.Builder out = ListErasuresResponse.newBuilder();
    page.items().forEach(e -> out.addErasures(SubjectRightsMapper.toProto(e)));
    page.nextCursor().ifPresent(c -> out.setNextPageToken(pageTokens.next(request, c)));
    reply(response, out.build());
  }

  private static Optional<ErasureStore.Cursor> cursor(String cursor) {
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = cursor.split(":", 3);
    try {
      return Optional.of(new ErasureStore.Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]));
    } catch (RuntimeException e) {
      throw DomainException.invalidField("page_token", "is not a token this service issued");
    }
  }
}
