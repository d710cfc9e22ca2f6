package org.custody.identity.account;

import java.util.Locale;
import java.util.Optional;
import org.custody.platform.errors.DomainException;

/**
 * E-mail addresses as identity keys: trimmed and lower-cased (the whole address, so one person is
 * one account and one contact per site however they type it), at most 254 characters, one
 * {@code @} with a non-empty local part and a dotted domain, no spaces.
 */
public final class EmailAddress {
  public static final int MAX_LENGTH = 254;

  private EmailAddress() {}

  /** The normalised address, or INVALID_ARGUMENT on {@code field} (the value is never echoed). */
  public static String normalize(String field, String raw) {
    return tryNormalize(raw).orElseThrow(() -> DomainException.invalidField(field, "must be an e-mail address"));
  }

  /** The normalised address, or empty when {@code raw} is not one. */
  public static Optional<String> tryNormalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String email = raw.strip().toLowerCase(Locale.ROOT);
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
