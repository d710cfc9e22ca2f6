package org.custody.identity.factor;

import java.time.Clock;
import java.time.Duration;
import org.custody.identity.session.Principal;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/** What a session must be to change second factors: recently authenticated, and AAL2 to remove one. */
final class FactorSessions {
  /** How recent the login behind a session must be to enrol or remove a factor. */
  static final Duration REAUTHENTICATION_WINDOW = Duration.ofMinutes(10);

  private FactorSessions() {}

  static Principal recent(Principal who, Clock clock) {
    if (who.authenticateTime().plus(REAUTHENTICATION_WINDOW).isBefore(clock.instant())) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "REAUTHENTICATION_REQUIRED",
          "changing second factors needs a login within the last 10 minutes");
    }
    return who;
  }

  static Principal aal2(Principal who) {
    if (who.aal() < 2) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "AAL2_REQUIRED", "this needs a session opened with the second factor");
    }
    return who;
  }
}
