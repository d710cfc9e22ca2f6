package org.custody.identity.metrics;

/**
 * What the identity domain reports to operators (a port; the Micrometer implementation lives at
 * the edge, in the composition root). No method takes personal data.
 */
public interface IdentityMetrics {
  /** How a login attempt ended; SECOND_FACTOR_REQUIRED: the password was right and a challenge was issued. */
  enum LoginOutcome { SUCCESS, FAILURE, LOCKED, SECOND_FACTOR_REQUIRED }

  /** Why sessions ended. */
  enum SessionEnd { EXPIRED, REVOKED, LOGOUT }

  void login(LoginOutcome outcome);

  void sessionsEnded(SessionEnd reason, int count);

  /** Discards everything (unit tests that do not look at metrics). */
  static IdentityMetrics none() {
    return new IdentityMetrics() {
      @Override
      public void login(LoginOutcome outcome) {}

      @Override
      public void sessionsEnded(SessionEnd reason, int count) {}
    };
  }
}
