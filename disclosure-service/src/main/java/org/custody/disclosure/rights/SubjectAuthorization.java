package org.custody.disclosure.rights;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.session.SessionPrincipal;
import org.custody.platform.session.SessionValidator;
import org.custody.platform.subject.Subject;

/**
 * Who may ask for a subject's export or erasure (P13). Staff tooling (the {@code operator}
 * caller) acting on a subject's request, for the SUBJECT_REQUEST purpose, asks directly: the
 * operator verified the person out of band. Anyone else (the front end acting for a signed-in
 * user) must present a session of that very subject whose password was verified within the last
 * {@link #WINDOW}: a stolen, idle browser session cannot wipe or download an account.
 */
public final class SubjectAuthorization {
  /** How recent the password check behind a subject's own request must be. */
  public static final Duration WINDOW = Duration.ofMinutes(10);
  static final String OPERATOR = "operator";

  private final SessionValidator sessions;
  private final Clock clock;

  public SubjectAuthorization(SessionValidator sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  /**
   * Returns if the caller may act on {@code subject}; otherwise FAILED_PRECONDITION
   * REAUTHENTICATION_REQUIRED (no session, or one not freshly authenticated: log in again) or
   * PERMISSION_DENIED SUBJECT_MISMATCH (the session is someone else's).
   */
  public void check(String caller, Purpose purpose, Subject subject, Optional<String> sessionToken) {
    if (OPERATOR.equals(caller) && purpose == Purpose.SUBJECT_REQUEST) {
      return;
    }
    if (sessionToken.isEmpty()) {
      throw reauthenticate("this request needs the subject's session_token, authenticated within the last 10 minutes");
    }
    SessionPrincipal principal = sessions.validate(sessionToken.get())
        .orElseThrow(() -> reauthenticate("the session is not valid; log in again"));
    if (subject.account().filter(principal.account()::equals).isEmpty()) {
      throw DomainException.of(ErrorKind.PERMISSION_DENIED, "SUBJECT_MISMATCH", "the session does not belong to the subject");
    }
    if (principal.authenticateTime().plus(WINDOW).isBefore(clock.instant())) {
      throw reauthenticate("the session was authenticated more than 10 minutes ago; log in again");
    }
  }

  /**
   * The account whose records a caller may read: empty for an operator (no check); otherwise
   * the account of the caller's valid session of any age, or FAILED_PRECONDITION
   * REAUTHENTICATION_REQUIRED without one. Checked before anything is looked up, so that a
   * caller without a session learns nothing about what exists.
   */
  public Optional<String> readerAccount(String caller, Optional<String> sessionToken) {
    if (OPERATOR.equals(caller)) {
      return Optional.empty();
    }
    return Optional.of(sessionToken.flatMap(sessions::validate)
        .orElseThrow(() -> reauthenticate("this request needs a valid session_token of the subject; log in again"))
        .account());
  }

  private static DomainException reauthenticate(String message) {
    return DomainException.of(ErrorKind.FAILED_PRECONDITION, "REAUTHENTICATION_REQUIRED", message);
  }
}
