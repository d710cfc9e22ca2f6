package org.custody.disclosure.rights;

import java.util.Optional;

/**
 * Identity's view of a session token (SessionService/ValidateSession, for the AUTHENTICATION
 * purpose). Throws UNAVAILABLE while identity cannot answer.
 */
public interface Sessions {
  /** The principal of a live session; empty for an unknown, ended or expired one. */
  Optional<SessionPrincipal> validate(String sessionToken);
}
