package org.custody.platform.subject;

import java.util.Objects;
import java.util.Optional;
import org.custody.platform.api.AccountName;
import org.custody.platform.api.ResourceNames;

/**
 * A data subject within one project site: known by their account, or (people who only wrote in,
 * contacts) by their e-mail address. The one subject reference of the suite: the subject-rights
 * contract's {@code custody.common.v1.SubjectRef} parsed once, and the key disclosure stores
 * consents, decisions and erasures under.
 *
 * <p>The address is always canonical ({@link EmailAddress#canonical}, as identity keys its
 * accounts and contacts), so one person typing their address differently is still one subject.
 * It is not checked here: a service that looks an address up checks it where it does
 * ({@link EmailAddress#normalize}), with its own field name in the error.
 *
 * @param project {@code projects/{project}}
 * @param account {@code projects/{project}/accounts/{account}}, when known by account
 * @param email the canonical address, when known by e-mail only
 */
public record Subject(String project, Optional<String> account, Optional<String> email) {
  private static final String PROJECT = "projects/{project}";
  private static final String ACCOUNTS = "/accounts/";
  private static final String EMAILS = "/emails/";

  public Subject {
    Objects.requireNonNull(project, "project");
    if (account.isPresent() == email.isPresent()) {
      throw new IllegalArgumentException("a subject is known by exactly one of account or e-mail");
    }
    email = email.map(EmailAddress::canonical);
  }

  /** The subject known by the account {@code projects/{project}/accounts/{account}}. */
  public static Subject account(String accountName) {
    int cut = accountName.indexOf(ACCOUNTS);
    if (cut < 0) {
      throw new IllegalArgumentException("not an account name");
    }
    return new Subject(accountName.substring(0, cut), Optional.of(accountName), Optional.empty());
  }

  /** The subject known by {@code account}. */
  public static Subject account(AccountName account) {
    return account(account.name());
  }

  /** The subject known only by {@code email} within {@code project} ({@code projects/{project}}). */
  public static Subject email(String project, String email) {
    return new Subject(project, Optional.empty(), Optional.of(email));
  }

  /** The project's id, {@code {project}} of {@code projects/{project}}. */
  public String projectId() {
    return ResourceNames.id("subject.project", project, PROJECT);
  }

  /** The account, parsed, when the subject is known by account. */
  public Optional<AccountName> accountName() {
    return account.map(name -> AccountName.parse("subject.account", name));
  }

  /** The account's id, {@code {account}}, when the subject is known by account. */
  public Optional<String> accountId() {
    return accountName().map(AccountName::accountId);
  }

  /**
   * The stored key: the account name, or {@code projects/{project}/emails/{address}}. Holds
   * personal data for e-mail subjects.
   */
  public String key() {
    return account.orElseGet(() -> project + EMAILS + email.orElseThrow());
  }

  /** The key back into a subject. */
  public static Subject fromKey(String key) {
    int emails = key.indexOf(EMAILS);
    if (emails >= 0) {
      return email(key.substring(0, emails), key.substring(emails + EMAILS.length()));
    }
    return account(key);
  }

  @Override
  public String toString() {
    // Never print an address: subjects end up in log lines and exception messages through
    // string concatenation.
    return account.map(a -> "Subject[" + a + "]").orElse("Subject[" + project + EMAILS + "<redacted>]");
  }
}
