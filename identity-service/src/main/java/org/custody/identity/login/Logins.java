package org.custody.identity.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.custody.identity.IdentityMetrics;
import org.custody.identity.IdentityMetrics.LoginOutcome;
import org.custody.identity.account.Account;
import org.custody.identity.account.AccountState;
import org.custody.identity.account.AccountStore;
import org.custody.identity.account.EmailAddress;
import org.custody.identity.credential.Argon2idHasher;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.session.OpenedSession;
import org.custody.identity.session.Sessions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/**
 * Login (P15). An unknown e-mail, a wrong password and a disabled account give the same answer
 * (UNAUTHENTICATED, LOGIN_FAILED, same message) after the same work: an unknown e-mail is
 * verified against a dummy hash of the configured cost. Failures are throttled per (project,
 * e-mail) whether or not the account exists. A successful login re-hashes the password when
 * the configured Argon2id cost is stronger than the stored one, and opens a new session.
 *
 * <p>Runs on the hashing pool (blocking, CPU-heavy).
 */
public final class Logins {
  private final AccountStore accounts;
  private final CredentialStore credentials;
  private final Argon2idHasher hasher;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final IdentityMetrics metrics;
  private final Clock clock;
  private final String dummyHash;

  public Logins(AccountStore accounts, CredentialStore credentials, Argon2idHasher hasher, LoginThrottle throttle,
      Sessions sessions, IdentityMetrics metrics, Clock clock, SecureRandom random) {
    this.accounts = accounts;
    this.credentials = credentials;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessions = sessions;
    this.metrics = metrics;
    this.clock = clock;
    byte[] unguessable = new byte[32];
    random.nextBytes(unguessable);
    this.dummyHash = hasher.hash(Base64.getEncoder().encodeToString(unguessable));
  }

  public OpenedSession login(String projectId, String rawEmail, String password) {
    Optional<String> email = EmailAddress.tryNormalize(rawEmail);
    byte[] pair = throttle.keyFor(projectId, email.orElse(rawEmail.strip()));
    try {
      throttle.checkAllowed(pair);
    } catch (DomainException refused) {
      metrics.login(LoginOutcome.LOCKED);
      throw refused;
    }
    Optional<Account> account = email.flatMap(e -> accounts.findByEmail(projectId, e));
    Optional<String> stored = account.flatMap(a -> credentials.find(a.projectId(), a.id()));
    boolean matches = hasher.verify(stored.orElse(dummyHash), password);
    if (!matches || stored.isEmpty() || account.get().state() != AccountState.ACTIVE) {
      throttle.recordFailure(pair);
      metrics.login(LoginOutcome.FAILURE);
      throw failed();
    }
    throttle.reset(pair);
    Account who = account.get();
    if (hasher.needsRehash(stored.get())) {
      credentials.update(who.projectId(), who.id(), hasher.hash(password), clock.instant());
    }
    OpenedSession session = sessions.open(who.projectId(), who.id());
    metrics.login(LoginOutcome.SUCCESS);
    return session;
  }

  /** The one answer for every failed login. */
  public static DomainException failed() {
    return DomainException.of(ErrorKind.UNAUTHENTICATED, "LOGIN_FAILED", "the e-mail address or the password is wrong");
  }
}
