package org.custody.platform.session;

import io.grpc.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custody.platform.access.CallContext;
import org.custody.platform.access.SubjectBinding;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/**
 * The rule of issue 13 §4: a call made for a signed-in person names one subject, carries that
 * person's session, and the session is live and belongs to the subject. Used by
 * {@link SubjectBindingInterceptor} for the fields the access policy names, and by handlers whose
 * subject is only known after a lookup ({@code subject: {checked_by: service}}).
 */
public final class SubjectCheck {
  /** The {@code x-custody-session} header of the call, for handlers that check it themselves. */
  static final Context.Key<String> TOKEN = Context.key("custody-session-token");
  /** The account a subject field names: the field itself or the account prefix of a resource name. */
  private static final Pattern ACCOUNT = Pattern.compile("^(projects/[^/]+/accounts/[^/]+)(/.*)?$");

  private final SessionValidator sessions;
  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  public SubjectCheck(SessionValidator sessions, MeterRegistry registry) {
    this.sessions = sessions;
    this.registry = registry;
  }

  /**
   * Returns if the session belongs to {@code named} (an account or a resource under it);
   * otherwise PERMISSION_DENIED SESSION_REQUIRED or SUBJECT_MISMATCH, or UNAVAILABLE
   * IDENTITY_UNAVAILABLE while identity cannot say.
   *
   * @param optional an empty {@code named} means the request names nobody: nothing to check
   */
  public void check(String method, String named, boolean optional, String token) {
    if (named.isEmpty() && optional) {
      count(method, "NOT_NAMED");
      return;
    }
    if (token == null || token.isBlank()) {
      throw refuse(method, "SESSION_REQUIRED", "this call acts on one person's data: send their session in the " + SessionHeader.NAME + " header");
    }
    Optional<SessionPrincipal> principal;
    try {
      principal = sessions.validate(token);
    } catch (DomainException e) {
      count(method, "IDENTITY_UNAVAILABLE");
      throw e;
    }
    if (principal.isEmpty()) {
      throw refuse(method, "SESSION_REQUIRED", "the session in " + SessionHeader.NAME + " is not live; sign in again");
    }
    Matcher account = ACCOUNT.matcher(named);
    if (!account.matches() || !account.group(1).equals(principal.get().account())) {
      throw refuse(method, "SUBJECT_MISMATCH", "the session does not belong to the subject the request names");
    }
    count(method, "ALLOWED");
  }

  /**
   * For a handler of a {@code checked_by: service} method, once it knows whose data the call
   * touches: checks the current call's session against {@code named} if the caller is bound.
   */
  public void inCall(String method, String named) {
    if (!SubjectBinding.BOUND_CALLERS.contains(CallContext.caller())) {
      return;
    }
    check(method, named, false, currentToken().orElse(null));
  }

  /** The current call's {@code x-custody-session} header, for a {@code checked_by: service} method. */
  public static Optional<String> currentToken() {
    return Optional.ofNullable(TOKEN.get()).filter(t -> !t.isBlank());
  }

  private DomainException refuse(String method, String reason, String message) {
    count(method, reason);
    return DomainException.of(ErrorKind.PERMISSION_DENIED, reason, message);
  }

  private void count(String method, String outcome) {
    counters.computeIfAbsent(method + '\n' + outcome, k -> Counter.builder("custody_subject_binding_checks")
        .description("Session checks of calls made for a signed-in person, by method and outcome")
        .tag("method", method)
        .tag("outcome", outcome)
        .register(registry)).increment();
  }
}
