package org.custody.identity.login;

import java.time.Instant;
import org.custody.identity.session.OpenedSession;

/** How a correct password ends: with a session, or with a challenge for the second factor. */
public sealed interface LoginResult {
  /** No second factor: the session is open. */
  record Opened(OpenedSession session) implements LoginResult {}

  /** The account has a second factor: answer {@code challenge} (single use, until {@code expireTime}) with CompleteLogin. */
  record Challenged(String challenge, Instant expireTime) implements LoginResult {
    @Override
    public String toString() {
      return "Challenged[until " + expireTime + "]"; // never the challenge
    }
  }
}
