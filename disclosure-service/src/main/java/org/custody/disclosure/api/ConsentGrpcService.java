package org.custody.disclosure.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.consent.ConsentStore;
import org.custody.disclosure.consent.Consents;
import org.custody.platform.subject.api.SubjectDataMapper;
import org.custody.platform.api.PageTokens;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.Idempotency;
import org.custody.platform.session.SubjectCheck;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.GrantConsentRequest;
import org.custody.proto.disclosure.v1.GrantConsentResponse;
import org.custody.proto.disclosure.v1.ListConsentsRequest;
import org.custody.proto.disclosure.v1.ListConsentsResponse;
import org.custody.proto.disclosure.v1.RevokeConsentRequest;
import org.custody.proto.disclosure.v1.RevokeConsentResponse;

/** The ConsentService adapter. */
public final class ConsentGrpcService extends ConsentServiceGrpc.ConsentServiceImplBase {
  private final PageTokens pageTokens;
  private final Consents consents;
  private final Idempotency idempotency;
  private final Clock clock;
  private final SubjectCheck subjectCheck;

  public ConsentGrpcService(Consents consents, Idempotency idempotency, Clock clock, SubjectCheck subjectCheck, PageTokens pageTokens) {
    this.pageTokens = pageTokens;
    this.consents = consents;
    this.idempotency = idempotency;
    this.clock = clock;
    this.subjectCheck = subjectCheck;
  }

  @Override
  public void grantConsent(GrantConsentRequest request, StreamObserver<GrantConsentResponse> response) {
    // The consent names its subject: only its name is kept for retries, which read it again.
    Consent consent = idempotency.executeByReference(request.getRequestId(), request, () -> consents.grant(ConsentMapper.fromGrant(request)),
        Consent::name, this::reread);
    reply(response, GrantConsentResponse.newBuilder().setConsent(ConsentMapper.toProto(consent, clock.instant())).build());
  }

  @Override
  public void revokeConsent(RevokeConsentRequest request, StreamObserver<RevokeConsentResponse> response) {
    String id = ResourceNames.id("name", request.getName(), "consents/{consent}");
    // The request names only the consent: whose it is is known after reading it (subject-bound,
    // checked here). A consent of someone known only by e-mail cannot be revoked by the front end.
    subjectCheck.inCall(ConsentServiceGrpc.getRevokeConsentMethod().getFullMethodName(),
        consents.get(id).subject().account().orElse(""));
    Consent consent = idempotency.executeByReference(request.getRequestId(), request, () -> consents.revoke(id), Consent::name, this::reread);
    reply(response, RevokeConsentResponse.newBuilder().setConsent(ConsentMapper.toProto(consent, clock.instant())).build());
  }

  @Override
  public void listConsents(ListConsentsRequest request, StreamObserver<ListConsentsResponse> response) {
    int size = PageTokens.size(request.getPageSize(), 50);
    Optional<ConsentStore.Cursor> after = cursor(pageTokens.cursor(request));
    Slice<Consent> page = Slice.fetch(size,
        limit -> consents.list(SubjectDataMapper.subject(request.getSubject()), request.getIncludeInactive(), after, limit),
        last -> last.grantTime().getEpochSecond() + ":" + last.grantTime().getNano() + ":" + last.id());
    Instant now = clock.instant();
    ListConsentsResponse.Builder out = ListConsentsResponse.newBuilder();
    page.items().forEach(c -> out.addConsents(ConsentMapper.toProto(c, now)));
    page.nextCursor().ifPresent(c -> out.setNextPageToken(pageTokens.next(request, c)));
    reply(response, out.build());
  }

  /** The consent a kept reference names, as it is now (NOT_FOUND once erased). */
  private Consent reread(String name) {
    return consents.get(ResourceNames.id("name", name, "consents/{consent}"));
  }

  private static Optional<ConsentStore.Cursor> cursor(String cursor) {
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = cursor.split(":", 3);
    try {
      return Optional.of(new ConsentStore.Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]));
    } catch (RuntimeException e) {
      throw DomainException.invalidField("page_token", "is not a token this service issued");
    }
  }
}
