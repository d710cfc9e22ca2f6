package org.custody.identity.recovery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.custody.identity.account.Account;
import org.custody.identity.account.AccountState;
import org.custody.identity.account.AccountStore;
import org.custody.identity.credential.Argon2idHasher;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.credential.PasswordPolicy;
import org.custody.identity.login.LoginThrottle;
import org.custody.identity.login.ThrottleStore;
import org.custody.identity.mail.AccountMail;
import org.custody.identity.project.Projects;
import org.custody.identity.session.Sessions;
import org.custody.identity.token.AccountToken;
import org.custody.identity.token.AccountTokens;
import org.custody.identity.token.TokenPurpose;
import org.custody.platform.db.Transactions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.subject.EmailAddress;

/**
 * Account recovery, the forgotten-password flow (P15). Starting it answers the same whether or
 * not the address has an account (the API also answers in the same time); a known, active
 * account is mailed a single-use link valid for 15 minutes. Completing it sets the new password
 * (password rules apply), ends every session, clears the account's failed-login throttling (so a
 * lock-out never outlasts a recovery) and tells the owner by mail. The mail proves the address,
 * so an unverified one becomes verified. Requests are limited per address and per project.
 */
public final class Recoveries {
  private final Transactions transactions;
  private final Projects projects;
  private final AccountStore accounts;
  private final CredentialStore credentials;
  private final AccountTokens tokens;
  private final AccountMail mail;
  private final Argon2idHasher hasher;
  private final PasswordPolicy policy;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final RequestLimit perAddress;
  private final RequestLimit perProject;
  private final Clock clock;

  /** How many recovery requests are accepted per address and per project within a window. */
  public record Limits(int perAddress, int perProject, Duration window) {
    public static Limits defaults() {
      return new Limits(5, 200, Duration.ofMinutes(15));
    }
  }

  public Recoveries(Transactions transactions, Projects projects, AccountStore accounts, CredentialStore credentials, AccountTokens tokens,
      AccountMail mail, Argon2idHasher hasher, PasswordPolicy policy, LoginThrottle throttle, ThrottleStore throttleStore, Sessions sessions,
      Limits limits, Clock clock) {
    this.transactions = transactions;
    this.projects = projects;
    this.accounts = accounts;
    this.credentials = credentials;
    this.tokens = tokens;
    this.mail = mail;
    this.hasher = hasher;
    this.policy = policy;
    this.throttle = throttle;
    this.sessions = sessions;
    this.perAddress = new RequestLimit(throttleStore, limits.perAddress(), limits.window(), "RECOVERY_THROTTLED", clock);
    this.perProject = new RequestLimit(throttleStore, limits.perProject(), limits.window(), "RECOVERY_THROTTLED", clock);
    this.clock = clock;
  }

  /** Mails a recovery link if {@code rawEmail} has an active account of the project; otherwise does nothing, visibly the same. */
  public void start(String projectId, String rawEmail) {
    projects.get(projectId);
    Optional<String> email = EmailAddress.tryNormalize(rawEmail);
    String counted = email.orElse(rawEmail.strip());
    perProject.acquire(throttle.keyOf("recovery-project", projectId));
    perAddress.acquire(throttle.keyOf("recovery", projectId, counted));
    Optional<Account> account = email.flatMap(e -> accounts.findByEmail(projectId, e)).filter(a -> a.state() == AccountState.ACTIVE);
    if (account.isEmpty()) {
      return;
    }
    transactions.run(() -> mail.recovery(account.get(), tokens.issue(projectId, account.get().id(), TokenPurpose.RECOVERY)));
    mail.nudge();
  }

  /** What a completed recovery did. */
  public record Recovered(Account account, int revokedSessions) {}

  /** Sets the new password with a recovery token (used up only if the password is accepted). */
  public Recovered complete(String token, String newPassword) {
    AccountToken found = tokens.peek(token, TokenPurpose.RECOVERY);
    Account account = accounts.find(found.projectId(), found.accountId()).orElseThrow(() -> DomainException.notFound("account"));
    if (account.state() != AccountState.ACTIVE) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "ACCOUNT_DISABLED", "the account is disabled");
    }
    policy.check("new_password", newPassword, List.of(account.fullName(), account.company(), account.email()));
    String phc = hasher.hash(newPassword);
    Account recovered = transactions.inTransaction(() -> {
      tokens.redeem(token, TokenPurpose.RECOVERY);
      credentials.update(account.projectId(), account.id(), phc, clock.instant());
      tokens.revoke(account.projectId(), account.id(), TokenPurpose.RECOVERY);
      Account current = accounts.find(account.projectId(), account.id()).orElseThrow(() -> DomainException.notFound("account"));
      Account verified = current.emailVerified() ? current : current.verified(clock.instant());
      if (verified != current) {
        accounts.update(verified);
      }
      mail.passwordReset(verified);
      return verified;
    });
    int revoked = sessions.revokeAll(account.projectId(), account.id());
    throttle.resetAccount(throttle.accountKey(account.projectId(), account.email()));
    mail.nudge();
    return new Recovered(recovered, revoked);
  }
}
