package org.custody.identity.app;

import java.util.Optional;
import org.custody.identity.session.Principal;
import org.custody.identity.session.Sessions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.session.SessionPrincipal;
import org.custody.platform.session.SessionValidator;

/**
 * Identity binds its own front-end calls to their subject with the sessions it holds: the same
 * check the leaves make over gRPC, without the network hop (and with identity's own cache).
 */
final class LocalSessions implements SessionValidator {
  private final Sessions sessions;

  LocalSessions(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Optional<SessionPrincipal> validate(String sessionToken) {
    Principal principal;
    try {
      principal = sessions.validate(sessionToken);
    } catch (DomainException e) {
      if (e.kind() == ErrorKind.UNAUTHENTICATED || e.kind() == ErrorKind.INVALID_ARGUMENT) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(new SessionPrincipal("projects/" + principal.projectId() + "/accounts/" + principal.accountId(),
        principal.authenticateTime()));
  }
}
