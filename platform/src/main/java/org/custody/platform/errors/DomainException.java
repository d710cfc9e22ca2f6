package org.custody.platform.errors;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A failure the domain anticipates: a kind (which gRPC code), a stable UPPER_SNAKE reason (the
 * ErrorInfo reason clients switch on) and a message for humans. Messages must never contain
 * personal data: say "the account", not its e-mail.
 */
public final class DomainException extends RuntimeException {
  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,62}[A-Z0-9]");

  private final ErrorKind kind;
  private final String reason;
  private final List<FieldViolation> violations;
  private final Duration retryAfter;

  private DomainException(ErrorKind kind, String reason, String message, List<FieldViolation> violations, Duration retryAfter) {
    super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
    this.kind = Objects.requireNonNull(kind, "kind");
    if (!REASON.matcher(reason).matches()) {
      throw new IllegalArgumentException("reason must be UPPER_SNAKE: " + reason);
    }
    this.reason = reason;
    this.violations = List.copyOf(violations);
    this.retryAfter = retryAfter;
  }

  public static DomainException of(ErrorKind kind, String reason, String message) {
    return new DomainException(kind, reason, message, List.of(), null);
  }

  /** INVALID_ARGUMENT with field violations. */
  public static DomainException invalid(String reason, List<FieldViolation> violations) {
    String fields = violations.stream().map(FieldViolation::field).distinct().reduce((a, b) -> a + ", " + b).orElse("request");
    return new DomainException(ErrorKind.INVALID_ARGUMENT, reason, "invalid " + fields, violations, null);
  }

  /** INVALID_ARGUMENT for one field. */
  public static DomainException invalidField(String field, String description) {
    return invalid("INVALID_FIELD", List.of(new FieldViolation(field, description)));
  }

  public static DomainException notFound(String what) {
    return of(ErrorKind.NOT_FOUND, what.toUpperCase(Locale.ROOT).replace(' ', '_') + "_NOT_FOUND", what + " not found");
  }

  /** RESOURCE_EXHAUSTED telling the client when to try again (a RetryInfo detail). */
  public static DomainException exhausted(String reason, String message, Duration retryAfter) {
    return new DomainException(ErrorKind.RESOURCE_EXHAUSTED, reason, message, List.of(), retryAfter);
  }

  public ErrorKind kind() {
    return kind;
  }

  public String reason() {
    return reason;
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
