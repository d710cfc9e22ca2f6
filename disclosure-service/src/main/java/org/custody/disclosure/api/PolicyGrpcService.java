package org.custody.disclosure.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import org.custody.disclosure.policy.Policies;
import org.custody.disclosure.policy.PolicyVersion;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.domain.Slice;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.disclosure.v1.AcknowledgeNoticeRequest;
import org.custody.proto.disclosure.v1.AcknowledgeNoticeResponse;
import org.custody.proto.disclosure.v1.GetNoticeCampaignRequest;
import org.custody.proto.disclosure.v1.GetNoticeCampaignResponse;
import org.custody.proto.disclosure.v1.GetPendingNoticeRequest;
import org.custody.proto.disclosure.v1.GetPendingNoticeResponse;
import org.custody.proto.disclosure.v1.GetPolicyVersionRequest;
import org.custody.proto.disclosure.v1.GetPolicyVersionResponse;
import org.custody.proto.disclosure.v1.ListPolicyVersionsRequest;
import org.custody.proto.disclosure.v1.ListPolicyVersionsResponse;
import org.custody.proto.disclosure.v1.PolicyServiceGrpc;
import org.custody.proto.disclosure.v1.PublishPolicyVersionRequest;
import org.custody.proto.disclosure.v1.PublishPolicyVersionResponse;

/** The PolicyService adapter (P14): validate (done by the interceptor), one domain call, map. */
public final class PolicyGrpcService extends PolicyServiceGrpc.PolicyServiceImplBase {
  private static final String VERSION = "policyVersions/{policy_version}";
  private static final String CAMPAIGN = "policyVersions/{policy_version}/noticeCampaign";

  private final PageTokens pageTokens;
  private final Policies policies;
  private final Idempotency idempotency;

  public PolicyGrpcService(Policies policies, Idempotency idempotency, PageTokens pageTokens) {
    this.pageTokens = pageTokens;
    this.policies = policies;
    this.idempotency = idempotency;
  }

  @Override
  public void publishPolicyVersion(PublishPolicyVersionRequest request, StreamObserver<PublishPolicyVersionResponse> response) {
    // Only the version's name is kept for retries (a text may be 200 000 characters); a retry re-reads the
    // immutable version and the campaign's current progress.
    reply(response, idempotency.executeByReference(request.getRequestId(), request,
        () -> published(policies.publish(PolicyMapper.fromProto(request.getPolicyVersionId(), request.getPolicyVersion()))),
        r -> r.getPolicyVersion().getName(),
        name -> published(policies.get(ResourceNames.id("name", name, VERSION)))));
  }

  private PublishPolicyVersionResponse published(PolicyVersion version) {
    PublishPolicyVersionResponse.Builder out = PublishPolicyVersionResponse.newBuilder().setPolicyVersion(PolicyMapper.toProto(version));
    if (version.significant()) {
      out.setNoticeCampaign(PolicyMapper.toProto(policies.campaign(version.id())));
    }
    return out.build();
  }

  @Override
  public void getPolicyVersion(GetPolicyVersionRequest request, StreamObserver<GetPolicyVersionResponse> response) {
    String id = ResourceNames.id("name", request.getName(), VERSION);
    reply(response, GetPolicyVersionResponse.newBuilder().setPolicyVersion(PolicyMapper.toProto(policies.get(id))).build());
  }

  @Override
  public void listPolicyVersions(ListPolicyVersionsRequest request, StreamObserver<ListPolicyVersionsResponse> response) {
    int size = PageTokens.size(request.getPageSize(), 50);
    var after = PolicyMapper.cursor(pageTokens.cursor(request));
    Slice<PolicyVersion> page = Slice.fetch(size, limit -> policies.list(after, limit), PolicyMapper::cursorAfter);
    ListPolicyVersionsResponse.Builder out = ListPolicyVersionsResponse.newBuilder();
    page.items().forEach(v -> out.addPolicyVersions(PolicyMapper.toProto(v)));
    page.nextCursor().ifPresent(c -> out.setNextPageToken(pageTokens.next(request, c)));
    reply(response, out.build());
  }

  @Override
  public void getPendingNotice(GetPendingNoticeRequest request, StreamObserver<GetPendingNoticeResponse> response) {
    GetPendingNoticeResponse.Builder out = GetPendingNoticeResponse.newBuilder();
    policies.pendingNotice(request.getAccount()).ifPresent(v -> out.setPending(true).setPolicyVersion(PolicyMapper.toProto(v)));
    reply(response, out.build());
  }

  @Override
  public void acknowledgeNotice(AcknowledgeNoticeRequest request, StreamObserver<AcknowledgeNoticeResponse> response) {
    String versionId = ResourceNames.id("policy_version", request.getPolicyVersion(), VERSION);
    reply(response, AcknowledgeNoticeResponse.newBuilder()
        .setAcknowledgeTime(ProtoTimes.timestamp(policies.acknowledge(request.getAccount(), versionId))).build());
  }

  @Override
  public void getNoticeCampaign(GetNoticeCampaignRequest request, StreamObserver<GetNoticeCampaignResponse> response) {
    String versionId = ResourceNames.id("name", request.getName(), CAMPAIGN);
    reply(response, GetNoticeCampaignResponse.newBuilder().setNoticeCampaign(PolicyMapper.toProto(policies.campaign(versionId))).build());
  }
}
