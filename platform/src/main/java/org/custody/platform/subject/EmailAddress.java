package org.custody.platform.subject;

import java.util.Locale;
import java.util.Optional;
import org.custody.platform.errors.DomainException;

/**
 * E-mail addresses as subject keys, the one rule every service applies: trimmed and lower-cased
 * (the whole address, so one person is one account, one contact and one subject per site however
 * they type it), at most 254 characters, one {@code @} with a non-empty local part and a dotted
 * domain, no spaces.
 */
public final class EmailAddress {
  public static final int MAX_LENGTH = 254;

  private EmailAddress() {}

  /** The normalised address, or INVALID_ARGUMENT on {@code field} (the value is never echoed). */
  public static String normalize(String field, String raw) {
    return tryNormalize(raw).orElseThrow(() -> DomainException.invalidField(field, "must be an e-mail address"));
  }

  /**
   * The address as a key: trimmed and lower-cased, not checked (for addresses another service
   * already checked, such as identity's answers).
   */
  public static String canonical(String raw) {
    return raw.strip().toLowerCase(Locale.ROOT);
  }

  /** The normalised address, or empty when {@code raw} is not one. */
  public static Optional<String> tryNormalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String email = canonical(raw);
    int at = email.indexOf('@');
    if (email.length() > MAX_LENGTH || at < 1 || at != email.lastIndexOf('@') || email.chars().anyMatch(Character::isWhitespace)) {
      return Optional.empty();
    }
    String domain = email.substring(at + 1);
    int dot = domain.lastIndexOf('.');
    if (dot < 1 || dot == domain.length() - 1 || domain.startsWith(".")) {
      return Optional.empty();
    }
    return Optional.of(email);
  }
}
