package org.custody.disclosure.subject;

import java.util.Objects;
import java.util.Optional;
import org.custody.platform.subject.EmailAddress;

/**
 * A data subject within one project site: known by their account, or (people who only wrote in)
 * by their e-mail address, normalised as identity normalises it (trimmed, lower-cased).
 *
 * @param project {@code projects/{project}}
 * @param account {@code projects/{project}/accounts/{account}}, when known by account
 * @param email the normalised address, when known by e-mail only
 */
public record Subject(String project, Optional<String> account, Optional<String> email) {
  public Subject {
    Objects.requireNonNull(project, "project");
    if (account.isPresent() == email.isPresent()) {
      throw new IllegalArgumentException("a subject is known by exactly one of account or e-mail");
    }
    email = email.map(EmailAddress::canonical);
  }

  public static Subject account(String accountName) {
    int cut = accountName.indexOf("/accounts/");
    if (cut < 0) {
      throw new IllegalArgumentException("not an account name");
    }
    return new Subject(accountName.substring(0, cut), Optional.of(accountName), Optional.empty());
  }

  public static Subject email(String project, String email) {
    return new Subject(project, Optional.empty(), Optional.of(email));
  }

  /** The stored key: the account name, or {@code projects/{project}/emails/{address}}. Holds personal data for e-mail subjects. */
  public String key() {
    return account.orElseGet(() -> project + "/emails/" + email.orElseThrow());
  }

  /** The key back into a subject. */
  public static Subject fromKey(String key) {
    int emails = key.indexOf("/emails/");
    if (emails >= 0) {
      return email(key.substring(0, emails), key.substring(emails + "/emails/".length()));
    }
    return account(key);
  }

  @Override
  public String toString() {
    // Never print an address: subjects end up in log lines through string concatenation.
    return account.map(a -> "Subject[" + a + "]").orElse("Subject[" + project + "/emails/<redacted>]");
  }
}
