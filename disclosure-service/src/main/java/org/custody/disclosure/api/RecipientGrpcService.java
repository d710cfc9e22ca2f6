package org.custody.disclosure.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.custody.disclosure.recipient.Recipient;
import org.custody.disclosure.recipient.RecipientField;
import org.custody.disclosure.recipient.Recipients;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.CreateRecipientResponse;
import org.custody.proto.disclosure.v1.GetRecipientRequest;
import org.custody.proto.disclosure.v1.GetRecipientResponse;
import org.custody.proto.disclosure.v1.ListRecipientVersionsRequest;
import org.custody.proto.disclosure.v1.ListRecipientVersionsResponse;
import org.custody.proto.disclosure.v1.ListRecipientsRequest;
import org.custody.proto.disclosure.v1.ListRecipientsResponse;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.UpdateRecipientRequest;
import org.custody.proto.disclosure.v1.UpdateRecipientResponse;

/** The RecipientService adapter: validate (done by the interceptor), one domain call, map. */
public final class RecipientGrpcService extends RecipientServiceGrpc.RecipientServiceImplBase {
  private static final String NAME = "recipients/{recipient}";

  private final PageTokens pageTokens;
  private final Recipients recipients;
  private final Idempotency idempotency;

  public RecipientGrpcService(Recipients recipients, Idempotency idempotency, PageTokens pageTokens) {
    this.pageTokens = pageTokens;
    this.recipients = recipients;
    this.idempotency = idempotency;
  }

  @Override
  public void createRecipient(CreateRecipientRequest request, StreamObserver<CreateRecipientResponse> response) {
    reply(response, idempotency.execute(request.getRequestId(), request, CreateRecipientResponse.parser(),
        () -> CreateRecipientResponse.newBuilder()
            .setRecipient(RecipientMapper.toProto(recipients.create(RecipientMapper.fromProto(request.getRecipientId(), request.getRecipient()))))
            .build()));
  }

  @Override
  public void getRecipient(GetRecipientRequest request, StreamObserver<GetRecipientResponse> response) {
    String id = ResourceNames.id("name", request.getName(), NAME);
    reply(response, GetRecipientResponse.newBuilder().setRecipient(RecipientMapper.toProto(recipients.get(id))).build());
  }

  @Override
  public void listRecipients(ListRecipientsRequest request, StreamObserver<ListRecipientsResponse> response) {
    int size = PageTokens.size(request.getPageSize(), 50);
    String after = pageTokens.cursor(request);
    Slice<Recipient> page = Slice.fetch(size, limit -> recipients.list(after, limit), Recipient::id);
    ListRecipientsResponse.Builder out = ListRecipientsResponse.newBuilder();
    page.items().forEach(r -> out.addRecipients(RecipientMapper.toProto(r)));
    page.nextCursor().ifPresent(c -> out.setNextPageToken(pageTokens.next(request, c)));
    reply(response, out.build());
  }

  @Override
  public void updateRecipient(UpdateRecipientRequest request, StreamObserver<UpdateRecipientResponse> response) {
    String id = ResourceNames.id("recipient.name", request.getRecipient().getName(), NAME);
    Recipient updated = recipients.update(id, fields(request.getUpdateMask().getPathsList()),
        RecipientMapper.fromProto(id, request.getRecipient()));
    reply(response, UpdateRecipientResponse.newBuilder().setRecipient(RecipientMapper.toProto(updated)).build());
  }

  @Override
  public void listRecipientVersions(ListRecipientVersionsRequest request, StreamObserver<ListRecipientVersionsResponse> response) {
    String id = ResourceNames.id("name", request.getName(), NAME);
    ListRecipientVersionsResponse.Builder out = ListRecipientVersionsResponse.newBuilder();
    recipients.versions(id).forEach(r -> out.addVersions(RecipientMapper.toProto(r)));
    reply(response, out.build());
  }

  private static Set<RecipientField> fields(List<String> paths) {
    Set<RecipientField> fields = EnumSet.noneOf(RecipientField.class);
    for (String path : paths) {
      switch (path) {
        case "display_name" -> fields.add(RecipientField.DISPLAY_NAME);
        case "permitted_purposes" -> fields.add(RecipientField.PERMITTED_PURPOSES);
        case "permitted_categories" -> fields.add(RecipientField.PERMITTED_CATEGORIES);
        case "nda" -> fields.add(RecipientField.NDA);
        case "controlling_entity" -> fields.add(RecipientField.CONTROLLING_ENTITY);
        case "notice_email" -> fields.add(RecipientField.NOTICE_EMAIL);
        default -> throw DomainException.invalidField("update_mask", "cannot change " + path
            + " (changeable: display_name, permitted_purposes, permitted_categories, nda, controlling_entity, notice_email)");
      }
    }
    return fields;
  }
}
