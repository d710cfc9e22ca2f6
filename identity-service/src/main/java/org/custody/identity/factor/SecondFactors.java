package org.custody.identity.factor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.util.encoders.Base32;
import org.custody.identity.account.Account;
import org.custody.identity.account.AccountStore;
import org.custody.identity.session.Principal;
import org.custody.identity.session.Sessions;
import org.custody.platform.db.Transactions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.errors.FieldViolation;

/**
 * Second factors (P15): TOTP with its recovery codes, and WebAuthn authenticators
 * ({@link Passkeys}). TOTP enrolment shows the secret once, needs a login within the last 10
 * minutes and is confirmed by a first code; confirming it returns 10 single-use recovery codes.
 * Removing it, or replacing the codes, needs an AAL2 session. The secret is sealed at rest
 * ({@link SecretSeal}); codes are stored as hashes. A login needs a second factor as soon as the
 * account has either kind.
 */
public final class SecondFactors {
  /** How long a started enrolment waits for its first code. */
  public static final Duration ENROLMENT_LIFETIME = Duration.ofMinutes(10);
  private static final int SECRET_BYTES = 20;

  private final Transactions transactions;
  private final SecondFactorStore store;
  private final AccountStore accounts;
  private final Sessions sessions;
  private final SecretSeal seal;
  private final Passkeys passkeys;
  private final String issuer;
  private final SecureRandom random;
  private final Clock clock;

  /** A started enrolment: the secret (base32) and the same as an otpauth URI. */
  public record Enrollment(String secret, String otpauthUri, Instant expireTime) {
    @Override
    public String toString() {
      return "Enrollment[until " + expireTime + "]";
    }
  }

  /** What an account has (never a secret or a code). */
  public record Status(Optional<Instant> totpEnableTime, int recoveryCodesRemaining, List<WebAuthnCredential> passkeys) {}

  /** The ways a login challenge can be answered. */
  public enum Method { TOTP, RECOVERY_CODE, WEBAUTHN }

  /** How a challenge is answered. */
  public sealed interface Answer {
    record TotpCode(String code) implements Answer {}

    record RecoveryCode(String code) implements Answer {}

    /** A WebAuthn assertion, as the browser's PublicKeyCredential JSON. */
    record WebAuthnAssertion(String json) implements Answer {}
  }

  public SecondFactors(Transactions transactions, SecondFactorStore store, AccountStore accounts, Sessions sessions, SecretSeal seal,
      Passkeys passkeys, String issuer, SecureRandom random, Clock clock) {
    this.transactions = transactions;
    this.store = store;
    this.accounts = accounts;
    this.sessions = sessions;
    this.seal = seal;
    this.passkeys = passkeys;
    this.issuer = issuer;
    this.random = random;
    this.clock = clock;
  }

  public Enrollment startTotp(String sessionToken) {
    Principal who = FactorSessions.recent(sessions.validate(sessionToken), clock);
    if (store.findTotp(who.projectId(), who.accountId()).filter(TotpCredential::confirmed).isPresent()) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "TOTP_ALREADY_ENABLED", "TOTP is already enabled; disable it first");
    }
    Account account = accounts.find(who.projectId(), who.accountId()).orElseThrow(() -> DomainException.notFound("account"));
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    Instant now = clock.instant();
    store.putPendingTotp(new TotpCredential(who.projectId(), who.accountId(), seal.seal(secret, who.projectId(), who.accountId()), now,
        Optional.empty(), Long.MIN_VALUE));
    String base32 = Base32.toBase32String(secret).replace("=", "");
    String label = URLEncoder.encode(issuer + ":" + account.email(), StandardCharsets.UTF_8).replace("+", "%20");
    String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20")
        + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    return new Enrollment(base32, uri, now.plus(ENROLMENT_LIFETIME));
  }

  /** Confirms a started enrolment with a current code; returns the new recovery codes. */
  public List<String> confirmTotp(String sessionToken, String code) {
    Principal who = sessions.validate(sessionToken);
    TotpCredential pending = store.findTotp(who.projectId(), who.accountId()).filter(t -> !t.confirmed())
        .filter(t -> clock.instant().isBefore(t.createTime().plus(ENROLMENT_LIFETIME)))
        .orElseThrow(() -> DomainException.of(ErrorKind.FAILED_PRECONDITION, "TOTP_ENROLLMENT_NOT_STARTED",
            "no TOTP enrolment is waiting for confirmation; start one"));
    byte[] secret = seal.open(pending.sealedSecret(), who.projectId(), who.accountId());
    OptionalLong step = Totp.match(secret, code, clock.instant(), Long.MIN_VALUE);
    if (step.isEmpty()) {
      throw DomainException.invalid("TOTP_CODE_WRONG", List.of(new FieldViolation("code", "does not match the authenticator's current code")));
    }
    List<String> codes = RecoveryCodes.generate(random);
    transactions.run(() -> {
      if (!store.confirmTotp(who.projectId(), who.accountId(), clock.instant(), step.getAsLong())) {
        throw DomainException.of(ErrorKind.ABORTED, "TOTP_ENROLLMENT_CHANGED", "the enrolment changed meanwhile; start again");
      }
      store.replaceRecoveryCodes(who.projectId(), who.accountId(), codes.stream().map(RecoveryCodes::hash).toList(), clock.instant());
    });
    return codes;
  }

  public void disableTotp(String sessionToken) {
    Principal who = FactorSessions.aal2(FactorSessions.recent(sessions.validate(sessionToken), clock));
    transactions.run(() -> {
      store.deleteTotp(who.projectId(), who.accountId());
      store.deleteRecoveryCodes(who.projectId(), who.accountId());
    });
  }

  public List<String> regenerateRecoveryCodes(String sessionToken) {
    Principal who = FactorSessions.aal2(sessions.validate(sessionToken));
    List<String> codes = RecoveryCodes.generate(random);
    store.replaceRecoveryCodes(who.projectId(), who.accountId(), codes.stream().map(RecoveryCodes::hash).toList(), clock.instant());
    return codes;
  }

  public Status status(String sessionToken) {
    Principal who = sessions.validate(sessionToken);
    return status(who.projectId(), who.accountId());
  }

  public Status status(String projectId, String accountId) {
    return new Status(store.findTotp(projectId, accountId).flatMap(TotpCredential::confirmTime), store.countRecoveryCodes(projectId, accountId),
        passkeys.list(projectId, accountId));
  }

  /** The methods a login of the account must be completed with; empty when it has no second factor. */
  public List<Method> methods(String projectId, String accountId) {
    List<Method> methods = new java.util.ArrayList<>();
    if (store.findTotp(projectId, accountId).filter(TotpCredential::confirmed).isPresent()) {
      methods.add(Method.TOTP);
    }
    if (passkeys.registered(projectId, accountId)) {
      methods.add(Method.WEBAUTHN);
    }
    if (!methods.isEmpty() && store.countRecoveryCodes(projectId, accountId) > 0) {
      methods.add(Method.RECOVERY_CODE);
    }
    return methods;
  }

  /**
   * Checks an answer: a TOTP code is accepted once per step, a recovery code once at all, a
   * WebAuthn assertion when it signs {@code webauthnChallenge} with a counter that moved forward.
   */
  public boolean verify(String projectId, String accountId, Answer answer, Optional<byte[]> webauthnChallenge) {
    if (answer instanceof Answer.RecoveryCode recovery) {
      return store.useRecoveryCode(projectId, accountId, RecoveryCodes.hash(recovery.code()));
    }
    if (answer instanceof Answer.WebAuthnAssertion assertion) {
      return webauthnChallenge.isPresent() && passkeys.verify(projectId, accountId, assertion.json(), webauthnChallenge.get());
    }
    Optional<TotpCredential> totp = store.findTotp(projectId, accountId).filter(TotpCredential::confirmed);
    if (totp.isEmpty()) {
      return false;
    }
    byte[] secret = seal.open(totp.get().sealedSecret(), projectId, accountId);
    OptionalLong step = Totp.match(secret, ((Answer.TotpCode) answer).code(), clock.instant(), totp.get().lastStep());
    return step.isPresent() && store.advanceStep(projectId, accountId, step.getAsLong());
  }

  /** Erases the account's factors (subject erasure); returns [totp, recovery codes, challenges, passkeys] deleted. */
  public long[] erase(String projectId, String accountId) {
    return new long[] {store.deleteTotp(projectId, accountId), store.deleteRecoveryCodes(projectId, accountId),
        store.deleteChallenges(projectId, accountId), passkeys.erase(projectId, accountId)};
  }
}
