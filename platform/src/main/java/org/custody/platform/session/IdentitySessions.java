package org.custody.platform.session;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.ClientChannels;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.proto.identity.v1.Principal;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.ValidateSessionRequest;

/** Identity's SessionService.ValidateSession, asked with this service's own credentials for AUTHENTICATION. */
public final class IdentitySessions implements SessionValidator {
  private final Channel identity;
  private final ClientChannels clients;
  private final Duration timeout;

  public IdentitySessions(Channel identity, ClientChannels clients, Duration timeout) {
    this.identity = identity;
    this.clients = clients;
    this.timeout = timeout;
  }

  @Override
  public Optional<SessionPrincipal> validate(String sessionToken) {
    Principal principal;
    try {
      principal = SessionServiceGrpc.newBlockingStub(identity)
          .withCallCredentials(clients.credentials(Purpose.AUTHENTICATION))
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .validateSession(ValidateSessionRequest.newBuilder().setSessionToken(sessionToken).build()).getPrincipal();
    } catch (StatusRuntimeException e) {
      switch (e.getStatus().getCode()) {
        // An unknown, ended, expired or malformed token: not a session.
        case UNAUTHENTICATED, NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION -> {
          return Optional.empty();
        }
        // Anything else (unreachable, overloaded, refused by policy): nobody can say whose the
        // session is, so the call that needed it is refused.
        default -> throw DomainException.of(ErrorKind.UNAVAILABLE, "IDENTITY_UNAVAILABLE",
            "identity cannot check the session now (" + e.getStatus().getCode() + "); retry later");
      }
    }
    return Optional.of(new SessionPrincipal(principal.getAccount(),
        Instant.ofEpochSecond(principal.getAuthenticateTime().getSeconds(), principal.getAuthenticateTime().getNanos())));
  }
}
