package org.custody.identity.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.identity.contact.Contacts;
import org.custody.identity.credential.Argon2idHasher;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.credential.PasswordPolicy;
import org.custody.identity.login.LoginThrottle;
import org.custody.identity.project.Projects;
import org.custody.identity.session.Principal;
import org.custody.identity.session.Sessions;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;

/**
 * Account rules (P2, P15): registration with exactly name, company and e-mail plus a password;
 * profile updates; disabling (which ends every session); password changes (need the current
 * password, end every other session); e-mail changes (need a session authenticated within the
 * last ten minutes). Password work is CPU-heavy: the API runs those calls on the hashing pool.
 */
public final class Accounts {
  /** How recent the password check behind a session must be to change the e-mail. */
  public static final Duration REAUTHENTICATION_WINDOW = Duration.ofMinutes(10);

  private final Transactions transactions;
  private final Projects projects;
  private final AccountStore store;
  private final CredentialStore credentials;
  private final Contacts contacts;
  private final Argon2idHasher hasher;
  private final PasswordPolicy policy;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final RandomIds ids;
  private final Clock clock;

  public Accounts(Transactions transactions, Projects projects, AccountStore store, CredentialStore credentials, Contacts contacts,
      Argon2idHasher hasher, PasswordPolicy policy, LoginThrottle throttle, Sessions sessions, RandomIds ids, Clock clock) {
    this.transactions = transactions;
    this.projects = projects;
    this.store = store;
    this.credentials = credentials;
    this.contacts = contacts;
    this.hasher = hasher;
    this.policy = policy;
    this.throttle = throttle;
    this.sessions = sessions;
    this.ids = ids;
    this.clock = clock;
  }

  /** Registers an account (P2) and records its address as a contact (P1). */
  public Account create(String projectId, String fullName, String company, String email, String password) {
    projects.get(projectId);
    String name = required("full_name", fullName);
    String workplace = required("company", company);
    String address = EmailAddress.normalize("email", email);
    policy.check("password", password, List.of(name, workplace, address));
    String phc = hasher.hash(password);
    Instant now = clock.instant();
    Account account = new Account(projectId, ids.next(), name, workplace, address, AccountState.ACTIVE, now, now);
    transactions.inTransaction(() -> {
      store.insert(account);
      credentials.insert(projectId, account.id(), phc, now);
      contacts.recordAccountAddress(projectId, account.id(), address);
      return null;
    });
    return account;
  }

  /** The account, NOT_FOUND when the project has no such account (never another site's). */
  public Account get(String projectId, String accountId) {
    return store.find(projectId, accountId).orElseThrow(() -> DomainException.notFound("account"));
  }

  public Slice<Account> list(String projectId, String cursor, int size) {
    projects.get(projectId);
    return store.list(projectId, cursor, size);
  }

  /** Changes name and/or company (empty means unchanged). */
  public Account update(String projectId, String accountId, Optional<String> fullName, Optional<String> company) {
    String name = fullName.map(n -> required("full_name", n)).orElse(null);
    String workplace = company.map(c -> required("company", c)).orElse(null);
    return transactions.inTransaction(() -> {
      Account current = get(projectId, accountId);
      Account updated = current.withProfile(name == null ? current.fullName() : name,
          workplace == null ? current.company() : workplace, clock.instant());
      store.update(updated);
      return updated;
    });
  }

  /** The result of disabling: the account and how many sessions were ended. */
  public record Disabled(Account account, int revokedSessions) {}

  /** Disables the account and ends all its sessions. Disabling twice is harmless. */
  public Disabled disable(String projectId, String accountId) {
    Account disabled = transactions.inTransaction(() -> {
      Account current = get(projectId, accountId);
      if (current.state() == AccountState.DISABLED) {
        return current;
      }
      Account updated = current.withState(AccountState.DISABLED, clock.instant());
      store.update(updated);
      return updated;
    });
    return new Disabled(disabled, sessions.revokeAll(projectId, accountId));
  }

  /**
   * Changes the password: needs the current one, keeps the session making the change (if given
   * and it belongs to the account) and ends every other. Returns how many sessions ended.
   */
  public int changePassword(String projectId, String accountId, String currentPassword, String newPassword, Optional<String> sessionToken) {
    Account account = get(projectId, accountId);
    if (account.state() != AccountState.ACTIVE) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "ACCOUNT_DISABLED", "the account is disabled");
    }
    String keep = "";
    if (sessionToken.isPresent()) {
      Principal principal = sessions.validate(sessionToken.get());
      if (!principal.projectId().equals(projectId) || !principal.accountId().equals(accountId)) {
        throw DomainException.invalidField("session_token", "is not a session of this account");
      }
      keep = principal.sessionId();
    }
    byte[] pair = throttle.keyFor(projectId, account.email());
    throttle.checkAllowed(pair);
    String stored = credentials.find(projectId, accountId).orElse("");
    if (!hasher.verify(stored, currentPassword)) {
      throttle.recordFailure(pair);
      throw DomainException.invalid("CURRENT_PASSWORD_WRONG", List.of(new FieldViolation("current_password", "does not match")));
    }
    policy.check("new_password", newPassword, List.of(account.fullName(), account.company(), account.email()));
    credentials.update(projectId, accountId, hasher.hash(newPassword), clock.instant());
    return sessions.revokeAllExcept(projectId, accountId, keep);
  }

  /**
   * Changes the e-mail of the session's account. The session must have been authenticated within
   * {@link #REAUTHENTICATION_WINDOW} (else FAILED_PRECONDITION, REAUTHENTICATION_REQUIRED).
   */
  public Account changeEmail(String sessionToken, String newEmail) {
    Principal principal = sessions.validate(sessionToken);
    if (principal.authenticateTime().plus(REAUTHENTICATION_WINDOW).isBefore(clock.instant())) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "REAUTHENTICATION_REQUIRED",
          "changing the e-mail needs a login within the last 10 minutes");
    }
    String address = EmailAddress.normalize("new_email", newEmail);
    return transactions.inTransaction(() -> {
      Account current = get(principal.projectId(), principal.accountId());
      if (current.state() != AccountState.ACTIVE) {
        throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "ACCOUNT_DISABLED", "the account is disabled");
      }
      if (current.email().equals(address)) {
        return current;
      }
      Account updated = current.withEmail(address, clock.instant());
      store.update(updated);
      contacts.recordAccountAddress(updated.projectId(), updated.id(), address);
      return updated;
    });
  }

  private static String required(String field, String value) {
    String stripped = value == null ? "" : value.strip();
    if (stripped.isEmpty()) {
      throw DomainException.invalidField(field, "is required");
    }
    if (stripped.codePointCount(0, stripped.length()) > 200) {
      throw DomainException.invalidField(field, "must be at most 200 characters");
    }
    return stripped;
  }
}
