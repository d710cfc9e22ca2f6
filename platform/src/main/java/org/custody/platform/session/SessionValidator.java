package org.custody.platform.session;

import java.util.Optional;

/**
 * Identity's view of a session token. Implementations throw a {@code DomainException} of kind
 * UNAVAILABLE while identity cannot answer: callers then refuse the call (fail closed), never
 * treat the token as valid.
 */
public interface SessionValidator {
  /** The principal of a live session; empty for an unknown, ended, expired or malformed one. */
  Optional<SessionPrincipal> validate(String sessionToken);
}
