package org.custody.billing.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import org.custody.billing.keys.KeyVersions;
import org.custody.billing.keys.RewrapJob;
import org.custody.billing.keys.Rewrapper;
import org.custody.billing.subject.RetentionPurge;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.billing.v1.BillingKeyServiceGrpc;
import org.custody.proto.billing.v1.DestroyKeyVersionRequest;
import org.custody.proto.billing.v1.DestroyKeyVersionResponse;
import org.custody.proto.billing.v1.DisableKeyVersionRequest;
import org.custody.proto.billing.v1.DisableKeyVersionResponse;
import org.custody.proto.billing.v1.GetRewrapJobRequest;
import org.custody.proto.billing.v1.GetRewrapJobResponse;
import org.custody.proto.billing.v1.ListKeyVersionsRequest;
import org.custody.proto.billing.v1.ListKeyVersionsResponse;
import org.custody.proto.billing.v1.PurgeExpiredRetentionRequest;
import org.custody.proto.billing.v1.PurgeExpiredRetentionResponse;
import org.custody.proto.billing.v1.RotateKeyEncryptionKeyRequest;
import org.custody.proto.billing.v1.RotateKeyEncryptionKeyResponse;
import org.custody.proto.billing.v1.StartRewrapRequest;
import org.custody.proto.billing.v1.StartRewrapResponse;

/** The BillingKeyService adapter (operators): rotation, rewrap, retirement, retention purge. */
public final class BillingKeyGrpcService extends BillingKeyServiceGrpc.BillingKeyServiceImplBase {
  private final KeyVersions versions;
  private final Rewrapper rewrapper;
  private final Runnable kickRewrap;
  private final RetentionPurge purge;
  private final Idempotency idempotency;

  /** @param kickRewrap starts working on a rewrap job in the background */
  public BillingKeyGrpcService(KeyVersions versions, Rewrapper rewrapper, Runnable kickRewrap, RetentionPurge purge,
      Idempotency idempotency) {
    this.versions = versions;
    this.rewrapper = rewrapper;
    this.kickRewrap = kickRewrap;
    this.purge = purge;
    this.idempotency = idempotency;
  }

  @Override
  public void rotateKeyEncryptionKey(RotateKeyEncryptionKeyRequest request, StreamObserver<RotateKeyEncryptionKeyResponse> response) {
    reply(response, idempotency.execute(request.getRequestId(), request, RotateKeyEncryptionKeyResponse.parser(),
        () -> RotateKeyEncryptionKeyResponse.newBuilder().setKeyVersion(KeyMapper.toProto(versions.rotate())).build()));
  }

  @Override
  public void listKeyVersions(ListKeyVersionsRequest request, StreamObserver<ListKeyVersionsResponse> response) {
    ListKeyVersionsResponse.Builder b = ListKeyVersionsResponse.newBuilder();
    versions.list().forEach(v -> b.addKeyVersions(KeyMapper.toProto(v)));
    reply(response, b.build());
  }

  @Override
  public void startRewrap(StartRewrapRequest request, StreamObserver<StartRewrapResponse> response) {
    StartRewrapResponse started = idempotency.execute(request.getRequestId(), request, StartRewrapResponse.parser(), () -> {
      RewrapJob job = rewrapper.start();
      return StartRewrapResponse.newBuilder().setJob(KeyMapper.toProto(job)).build();
    });
    kickRewrap.run();
    reply(response, started);
  }

  @Override
  public void getRewrapJob(GetRewrapJobRequest request, StreamObserver<GetRewrapJobResponse> response) {
    String id = Names.rewrapJob("name", request.getName());
    reply(response, GetRewrapJobResponse.newBuilder().setJob(KeyMapper.toProto(rewrapper.get(id))).build());
  }

  @Override
  public void disableKeyVersion(DisableKeyVersionRequest request, StreamObserver<DisableKeyVersionResponse> response) {
    int version = Names.keyVersion("name", request.getName());
    reply(response, DisableKeyVersionResponse.newBuilder().setKeyVersion(KeyMapper.toProto(versions.disable(version))).build());
  }

  @Override
  public void destroyKeyVersion(DestroyKeyVersionRequest request, StreamObserver<DestroyKeyVersionResponse> response) {
    int version = Names.keyVersion("name", request.getName());
    reply(response, DestroyKeyVersionResponse.newBuilder().setKeyVersion(KeyMapper.toProto(versions.destroy(version))).build());
  }

  @Override
  public void purgeExpiredRetention(PurgeExpiredRetentionRequest request, StreamObserver<PurgeExpiredRetentionResponse> response) {
    RetentionPurge.Result result = purge.purgeExpired();
    reply(response, PurgeExpiredRetentionResponse.newBuilder()
        .setPurgedSubjectCount(result.purgedSubjects())
        .setPurgedInvoiceCount(result.purgedInvoices())
        .build());
  }
}
