package org.custody.disclosure.api;

import static org.custody.platform.api.UnaryReplies.reply;

import org.custody.platform.api.ProtoTimes;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.decision.Disclosure;
import org.custody.disclosure.decision.Disclosures;
import org.custody.disclosure.ledger.InclusionProof;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.SignedTreeHead;
import org.custody.disclosure.release.DisclosurePackage;
import org.custody.disclosure.release.PackageReleases;
import org.custody.disclosure.release.SubjectPackage;
import org.custody.disclosure.transfer.TransferNotice;
import org.custody.disclosure.transfer.TransferNotices;
import org.custody.platform.access.CallContext;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.RequestFingerprints;
import org.custody.platform.subject.api.SubjectDataMapper;
import org.custody.proto.disclosure.v1.DisclosureRecord;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.FetchDisclosurePackageRequest;
import org.custody.proto.disclosure.v1.FetchDisclosurePackageResponse;
import org.custody.proto.disclosure.v1.GetDisclosureRequest;
import org.custody.proto.disclosure.v1.GetDisclosureResponse;
import org.custody.proto.disclosure.v1.ListDisclosuresRequest;
import org.custody.proto.disclosure.v1.ListDisclosuresResponse;
import org.custody.proto.disclosure.v1.ListTransferNoticesRequest;
import org.custody.proto.disclosure.v1.ListTransferNoticesResponse;
import org.custody.proto.disclosure.v1.NoticeDeliveryState;
import org.custody.proto.disclosure.v1.ReevaluateDisclosureRequest;
import org.custody.proto.disclosure.v1.ReevaluateDisclosureResponse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.RequestDisclosureResponse;

/** The DisclosureService adapter. */
public final class DisclosureGrpcService extends DisclosureServiceGrpc.DisclosureServiceImplBase {
  private static final String NAME = "disclosures/{disclosure}";

  private final PageTokens pageTokens;
  private final Disclosures disclosures;
  private final TransferNotices notices;
  private final PackageReleases releases;
  private final Ledger ledger;
  private final RequestFingerprints fingerprints;

  /**
   * @param fingerprints keyed fingerprints of requests (the platform's), stored with each decision
   *     so a request id reused for another request is recognised
   */
  public DisclosureGrpcService(Disclosures disclosures, TransferNotices notices, PackageReleases releases, Ledger ledger,
      RequestFingerprints fingerprints, PageTokens pageTokens) {
    this.pageTokens = pageTokens;
    this.disclosures = disclosures;
    this.notices = notices;
    this.releases = releases;
    this.ledger = ledger;
    this.fingerprints = fingerprints;
  }

  @Override
  public void requestDisclosure(RequestDisclosureRequest request, StreamObserver<RequestDisclosureResponse> response) {
    Disclosure decided = disclosures.request(DisclosureMapper.fromProto(request, CallContext.caller(), fingerprints), CallContext.purpose());
    reply(response, RequestDisclosureResponse.newBuilder().setDisclosure(DisclosureMapper.toProto(decided)).build());
  }

  @Override
  public void getDisclosure(GetDisclosureRequest request, StreamObserver<GetDisclosureResponse> response) {
    Disclosure d = disclosures.get(ResourceNames.id("name", request.getName(), NAME));
    reply(response, GetDisclosureResponse.newBuilder().setDisclosure(DisclosureMapper.toProto(d)).build());
  }

  @Override
  public void reevaluateDisclosure(ReevaluateDisclosureRequest request, StreamObserver<ReevaluateDisclosureResponse> response) {
    Disclosure d = disclosures.reevaluate(ResourceNames.id("name", request.getName(), NAME));
    reply(response, ReevaluateDisclosureResponse.newBuilder().setDisclosure(DisclosureMapper.toProto(d)).build());
  }

  @Override
  public void listTransferNotices(ListTransferNoticesRequest request, StreamObserver<ListTransferNoticesResponse> response) {
    String id = ResourceNames.id("parent", request.getParent(), NAME);
    int size = PageTokens.size(request.getPageSize(), 100);
    int after = afterPosition(pageTokens.cursor(request));
    Slice<TransferNotice> page = Slice.fetch(size, limit -> notices.notices(id, after, limit), n -> String.valueOf(n.position()));
    ListTransferNoticesResponse.Builder out = ListTransferNoticesResponse.newBuilder();
    for (TransferNotice n : page.items()) {
      var notice = org.custody.proto.disclosure.v1.TransferNotice.newBuilder()
          .setSubject(SubjectDataMapper.toProto(n.subject()))
          .setState(ProtoEnums.toProto(n.state(), "NOTICE_DELIVERY_STATE_", NoticeDeliveryState::valueOf))
          .setAttempts(n.attempts());
      n.deliverTime().ifPresent(t -> notice.setDeliverTime(ProtoTimes.timestamp(t)));
      out.addNotices(notice);
    }
    page.nextCursor().ifPresent(c -> out.setNextPageToken(pageTokens.next(request, c)));
    reply(response, out.build());
  }

  @Override
  public void fetchDisclosurePackage(FetchDisclosurePackageRequest request, StreamObserver<FetchDisclosurePackageResponse> response) {
    DisclosurePackage released = releases.fetch(ResourceNames.id("name", request.getName(), NAME), CallContext.purpose());
    FetchDisclosurePackageResponse.Builder out = FetchDisclosurePackageResponse.newBuilder()
        .setDisclosure(released.disclosure().name())
        .setLedgerIndex(released.ledgerIndex());
    released.categories().stream().sorted().forEach(c -> out.addCategories(c.toProto()));
    for (SubjectPackage subject : released.subjects()) {
      var part = org.custody.proto.disclosure.v1.SubjectPackage.newBuilder().setSubject(SubjectDataMapper.toProto(subject.subject()));
      subject.exports().forEach(e -> part.addExports(DisclosureMapper.toProto(e)));
      out.addSubjects(part);
    }
    reply(response, out.build());
  }

  @Override
  public void listDisclosures(ListDisclosuresRequest request, StreamObserver<ListDisclosuresResponse> response) {
    int size = PageTokens.size(request.getPageSize(), 50);
    String cursor = pageTokens.cursor(request);
    Optional<Long> before = cursor.isEmpty() ? Optional.empty() : Optional.of(number(cursor));
    Slice<Disclosure> page = Slice.fetch(size, limit -> disclosures.releasedWith(SubjectDataMapper.subject(request.getSubject()), before, limit),
        last -> String.valueOf(last.release().orElseThrow().ledgerIndex()));
    List<Disclosure> shown = page.items();
    ListDisclosuresResponse.Builder out = ListDisclosuresResponse.newBuilder();
    if (!shown.isEmpty()) {
      List<Long> releases = shown.stream().map(d -> d.release().orElseThrow().ledgerIndex()).toList();
      SignedTreeHead head = ledger.headCovering(releases.stream().mapToLong(Long::longValue).max().orElseThrow());
      List<InclusionProof> proofs = ledger.inclusionProofs(releases, head.treeSize());
      var treeHead = LedgerMapper.toProto(head);
      for (int i = 0; i < shown.size(); i++) {
        out.addDisclosures(DisclosureRecord.newBuilder()
            .setDisclosure(DisclosureMapper.toProto(shown.get(i)))
            .setProof(LedgerMapper.toProto(proofs.get(i)))
            .setTreeHead(treeHead));
      }
    }
    page.nextCursor().ifPresent(c -> out.setNextPageToken(pageTokens.next(request, c)));
    reply(response, out.build());
  }

  private static int afterPosition(String cursor) {
    return cursor.isEmpty() ? -1 : (int) number(cursor);
  }

  private static long number(String cursor) {
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw DomainException.invalidField("page_token", "is not a token this service issued");
    }
  }
}
