package org.custody.identity.login;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.identity.factor.SecondFactors;
import org.custody.identity.session.OpenedSession;

/** How a correct password ends: with a session, or with a challenge for the second factor. */
public sealed interface LoginResult {
  /** No second factor: the session is open. */
  record Opened(OpenedSession session) implements LoginResult {}

  /**
   * The account has a second factor: answer {@code challenge} (single use, until {@code expireTime})
   * with CompleteLogin, by one of {@code methods}.
   *
   * @param webauthnOptions the request options for {@code navigator.credentials.get}, when WebAuthn is a method
   */
  record Challenged(String challenge, Instant expireTime, List<SecondFactors.Method> methods, Optional<String> webauthnOptions)
      implements LoginResult {
    @Override
    public String toString() {
      return "Challenged[until " + expireTime + "]"; // never the challenge
    }
  }
}
