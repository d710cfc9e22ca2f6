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
import org.custody.identity.mail.AccountMail;
import org.custody.identity.project.Projects;
import org.custody.identity.session.Principal;
import org.custody.identity.session.Sessions;
import org.custody.identity.token.AccountTokens;
import org.custody.identity.token.TokenPurpose;
import org.custody.platform.db.Transactions;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;
import org.custody.platform.subject.EmailAddress;

/**
 * Account rules (P2, P15): profile updates; disabling (which ends every session); password
 * changes (need the current password, end every other session and every recovery link); e-mail
 * changes (need a session authenticated within the last ten minutes; the new address starts
 * unverified and is mailed a verification link); verification. Registration is
 * {@link Registrations}. Password work is CPU-heavy: the API runs those calls on the hashing pool.
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
  private final AccountTokens tokens;
  private final AccountMail mail;
  private final Clock clock;

  public Accounts(Transactions transactions, Projects projects, AccountStore store, CredentialStore credentials, Contacts contacts,
      Argon2idHasher hasher, PasswordPolicy policy, LoginThrottle throttle, Sessions sessions, AccountTokens tokens, AccountMail mail,
      Clock clock) {
    this.transactions = transactions;
    this.projects = projects;
    this.store = store;
    this.credentials = credentials;
    this.contacts = contacts;
    this.hasher = hasher;
    this.policy = policy;
    this.throttle = throttle;
    this.sessions = sessions;
    this.tokens = tokens;
    this.mail = mail;
    this.clock = clock;
  }

  /** The account, if the project has it. */
  public Optional<Account> find(String projectId, String accountId) {
    return store.find(projectId, accountId);
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
    // Guesses here are counted apart from the login form's clients: a session holder cannot lock the owner's logins.
    LoginThrottle.Keys keys = throttle.keysFor(projectId, account.email(), "change-password");
    throttle.checkAllowed(keys);
    String stored = credentials.find(projectId, accountId).orElse("");
    if (!hasher.verify(stored, currentPassword)) {
      throttle.recordFailure(keys);
      throw DomainException.invalid("CURRENT_PASSWORD_WRONG", List.of(new FieldViolation("current_password", "does not match")));
    }
    policy.check("new_password", newPassword, List.of(account.fullName(), account.company(), account.email()));
    String phc = hasher.hash(newPassword);
    transactions.run(() -> {
      credentials.update(projectId, accountId, phc, clock.instant());
      tokens.revoke(projectId, accountId, TokenPurpose.RECOVERY);
    });
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
    Account changed = transactions.inTransaction(() -> {
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
      mail.verification(updated, tokens.issue(updated.projectId(), updated.id(), TokenPurpose.VERIFY_EMAIL));
      return updated;
    });
    mail.nudge();
    return changed;
  }

  /** Marks the account's current address verified with the token mailed to it (used up). */
  public Account verifyEmail(String token) {
    return transactions.inTransaction(() -> {
      var used = tokens.redeem(token, TokenPurpose.VERIFY_EMAIL);
      Account current = get(used.projectId(), used.accountId());
      if (current.emailVerified()) {
        return current;
      }
      Account verified = current.verified(clock.instant());
      store.update(verified);
      return verified;
    });
  }

  static String required(String field, String value) {
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
