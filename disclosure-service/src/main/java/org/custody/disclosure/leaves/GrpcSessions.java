package org.custody.disclosure.leaves;

import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.custody.disclosure.rights.SessionPrincipal;
import org.custody.disclosure.rights.Sessions;
import org.custody.platform.access.Purpose;
import org.custody.proto.identity.v1.Principal;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.ValidateSessionRequest;

/** Identity's SessionService.ValidateSession, asked for the AUTHENTICATION purpose. */
public final class GrpcSessions implements Sessions {
  private final LeafChannels channels;

  public GrpcSessions(LeafChannels channels) {
    this.channels = channels;
  }

  @Override
  public Optional<SessionPrincipal> validate(String sessionToken) {
    Principal principal;
    try {
      principal = SessionServiceGrpc.newBlockingStub(channels.identity())
          .withCallCredentials(channels.clients().credentials(Purpose.AUTHENTICATION))
          .withDeadlineAfter(channels.targets().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .validateSession(ValidateSessionRequest.newBuilder().setSessionToken(sessionToken).build()).getPrincipal();
    } catch (StatusRuntimeException e) {
      switch (e.getStatus().getCode()) {
        // An unknown, ended, expired or malformed token: not a session.
        case UNAUTHENTICATED, NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION -> {
          return Optional.empty();
        }
        default -> throw LeafCalls.failure("identity", e);
      }
    }
    return Optional.of(new SessionPrincipal(principal.getAccount(),
        Instant.ofEpochSecond(principal.getAuthenticateTime().getSeconds(), principal.getAuthenticateTime().getNanos())));
  }
}
