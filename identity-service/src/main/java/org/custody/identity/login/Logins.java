package org.custody.identity.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.custody.identity.metrics.IdentityMetrics;
import org.custody.identity.metrics.IdentityMetrics.LoginOutcome;
import org.custody.identity.account.Account;
import org.custody.identity.account.AccountState;
import org.custody.identity.account.AccountStore;
import org.custody.identity.credential.Argon2idHasher;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.factor.LoginChallenge;
import org.custody.identity.factor.Passkeys;
import org.custody.identity.factor.SecondFactorStore;
import org.custody.identity.factor.SecondFactors;
import org.custody.identity.session.OpenedSession;
import org.custody.identity.session.SessionToken;
import org.custody.identity.session.Sessions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.subject.EmailAddress;

/**
 * Login (P15). An unknown e-mail, a wrong password and a disabled account give the same answer
 * (UNAUTHENTICATED, LOGIN_FAILED, same message) after the same work: an unknown e-mail is
 * verified against a dummy hash of the configured cost. Failures are throttled per (project,
 * e-mail, client key) whether or not the account exists. A successful login re-hashes the
 * password when the configured Argon2id cost is stronger than the stored one, and opens a new
 * AAL1 session; for an account with a second factor it answers a short-lived, single-use
 * challenge instead, which {@link #complete} turns into an AAL2 session.
 *
 * <p>Runs on the hashing pool (blocking, CPU-heavy).
 */
public final class Logins {
  private final AccountStore accounts;
  private final CredentialStore credentials;
  private final Argon2idHasher hasher;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final SecondFactors factors;
  private final SecondFactorStore challenges;
  private final Passkeys passkeys;
  private final SecureRandom random;
  private final IdentityMetrics metrics;
  private final Clock clock;
  private final String dummyHash;

  /** How long a second-factor challenge may be answered. */
  public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
  /** Wrong answers after which a challenge is void (log in again). */
  public static final int CHALLENGE_ATTEMPTS = 5;

  public Logins(AccountStore accounts, CredentialStore credentials, Argon2idHasher hasher, LoginThrottle throttle,
      Sessions sessions, SecondFactors factors, SecondFactorStore challenges, Passkeys passkeys, IdentityMetrics metrics, Clock clock,
      SecureRandom random) {
    this.accounts = accounts;
    this.credentials = credentials;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessions = sessions;
    this.factors = factors;
    this.challenges = challenges;
    this.passkeys = passkeys;
    this.random = random;
    this.metrics = metrics;
    this.clock = clock;
    byte[] unguessable = new byte[32];
    random.nextBytes(unguessable);
    this.dummyHash = hasher.hash(Base64.getEncoder().encodeToString(unguessable));
  }

  public LoginResult login(String projectId, String rawEmail, String password, String clientKey) {
    Optional<String> email = EmailAddress.tryNormalize(rawEmail);
    LoginThrottle.Keys pair = throttle.keysFor(projectId, email.orElse(rawEmail.strip()), clientKey);
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
    List<SecondFactors.Method> methods = factors.methods(who.projectId(), who.id());
    if (!methods.isEmpty()) {
      String challenge = SessionToken.generate(random);
      Instant now = clock.instant();
      Optional<byte[]> webauthn = methods.contains(SecondFactors.Method.WEBAUTHN) ? Optional.of(passkeys.challenge()) : Optional.empty();
      challenges.insertChallenge(new LoginChallenge(SessionToken.hash(challenge).orElseThrow(), who.projectId(), who.id(), 0, now,
          now.plus(CHALLENGE_LIFETIME), webauthn));
      metrics.login(LoginOutcome.SECOND_FACTOR_REQUIRED);
      return new LoginResult.Challenged(challenge, now.plus(CHALLENGE_LIFETIME), methods,
          webauthn.map(c -> passkeys.requestOptions(who.projectId(), who.id(), c)));
    }
    OpenedSession session = sessions.open(who.projectId(), who.id());
    metrics.login(LoginOutcome.SUCCESS);
    return new LoginResult.Opened(session);
  }

  /**
   * Answers a second-factor challenge: the right TOTP code, recovery code or WebAuthn assertion opens an AAL2 session and
   * uses the challenge up. A wrong one is UNAUTHENTICATED (SECOND_FACTOR_FAILED), counted by the
   * throttle of (account, client key), and voids the challenge after {@link #CHALLENGE_ATTEMPTS};
   * an unknown, used or expired challenge is UNAUTHENTICATED (LOGIN_CHALLENGE_INVALID).
   */
  public OpenedSession complete(String challenge, SecondFactors.Answer answer, String clientKey) {
    byte[] hash = SessionToken.hash(challenge.strip()).orElseThrow(Logins::challengeInvalid);
    LoginChallenge found = challenges.findChallenge(hash).filter(c -> clock.instant().isBefore(c.expireTime()))
        .orElseThrow(Logins::challengeInvalid);
    Account account = accounts.find(found.projectId(), found.accountId()).filter(a -> a.state() == AccountState.ACTIVE)
        .orElseThrow(Logins::challengeInvalid);
    LoginThrottle.Keys pair = throttle.keysFor(account.projectId(), account.email(), clientKey);
    throttle.checkAllowed(pair);
    if (!factors.verify(account.projectId(), account.id(), answer, found.webauthnChallenge())) {
      throttle.recordFailure(pair);
      if (challenges.recordChallengeFailure(hash) >= CHALLENGE_ATTEMPTS) {
        challenges.deleteChallenge(hash);
      }
      metrics.login(LoginOutcome.FAILURE);
      throw DomainException.of(ErrorKind.UNAUTHENTICATED, "SECOND_FACTOR_FAILED", "the code is wrong or was already used");
    }
    if (!challenges.deleteChallenge(hash)) {
      throw challengeInvalid(); // answered by a concurrent call
    }
    throttle.reset(pair);
    OpenedSession session = sessions.open(account.projectId(), account.id(), 2);
    metrics.login(LoginOutcome.SUCCESS);
    return session;
  }

  private static DomainException challengeInvalid() {
    return DomainException.of(ErrorKind.UNAUTHENTICATED, "LOGIN_CHALLENGE_INVALID", "the login challenge is unknown, used or expired; log in again");
  }

  /** The one answer for every failed login. */
  public static DomainException failed() {
    return DomainException.of(ErrorKind.UNAUTHENTICATED, "LOGIN_FAILED", "the e-mail address or the password is wrong");
  }
}
