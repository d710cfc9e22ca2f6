package org.custody.disclosure.api;

import io.grpc.stub.StreamObserver;
import org.custody.disclosure.recipient.Recipients;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.CreateRecipientResponse;
import org.custody.proto.disclosure.v1.GetRecipientRequest;
import org.custody.proto.disclosure.v1.GetRecipientResponse;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;

/** The RecipientService adapter: validate (done by the interceptor), one domain call, map. */
public final class RecipientGrpcService extends RecipientServiceGrpc.RecipientServiceImplBase {
  private final Recipients recipients;
  private final Idempotency idempotency;

  public RecipientGrpcService(Recipients recipients, Idempotency idempotency) {
    this.recipients = recipients;
    this.idempotency = idempotency;
  }

  @Override
  public void createRecipient(CreateRecipientRequest request, StreamObserver<CreateRecipientResponse> response) {
    response.onNext(idempotency.execute(request.getRequestId(), request, CreateRecipientResponse.parser(),
        () -> CreateRecipientResponse.newBuilder()
            .setRecipient(RecipientMapper.toProto(recipients.create(RecipientMapper.fromProto(request.getRecipientId(), request.getRecipient()))))
            .build()));
    response.onCompleted();
  }

  @Override
  public void getRecipient(GetRecipientRequest request, StreamObserver<GetRecipientResponse> response) {
    String id = ResourceNames.id("name", request.getName(), "recipients/{recipient}");
    response.onNext(GetRecipientResponse.newBuilder().setRecipient(RecipientMapper.toProto(recipients.get(id))).build());
    response.onCompleted();
  }
}
