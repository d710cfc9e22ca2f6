package org.custody.identity.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.custody.identity.session.SessionToken;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * Single-use tokens mailed to an account (P15): 256 random bits, shown only in the mail; only
 * their SHA-256 is stored. A newer token of the same purpose replaces the older ones; a token
 * works once and only until it expires. Callers run {@link #issue} and {@link #redeem} inside the
 * transaction of the change they belong to.
 */
public final class AccountTokens {
  private final TokenStore store;
  private final SecureRandom random;
  private final Clock clock;

  public AccountTokens(TokenStore store, SecureRandom random, Clock clock) {
    this.store = store;
    this.random = random;
    this.clock = clock;
  }

  /** A new token for the account, replacing its older ones of the same purpose. */
  public String issue(String projectId, String accountId, TokenPurpose purpose) {
    String token = SessionToken.generate(random);
    Instant now = clock.instant();
    store.deleteFor(projectId, accountId, purpose);
    store.insert(new AccountToken(SessionToken.hash(token).orElseThrow(), purpose, projectId, accountId, now, now.plus(purpose.lifetime())));
    return token;
  }

  /**
   * What a token is for, without using it up; INVALID_ARGUMENT on {@code token} (reason
   * TOKEN_INVALID for an unknown, used or replaced one, TOKEN_EXPIRED for an expired one).
   */
  public AccountToken peek(String token, TokenPurpose purpose) {
    byte[] hash = SessionToken.hash(token.strip()).orElseThrow(AccountTokens::invalid);
    AccountToken found = store.find(hash).filter(t -> t.purpose() == purpose).orElseThrow(AccountTokens::invalid);
    if (!clock.instant().isBefore(found.expireTime())) {
      throw DomainException.invalid("TOKEN_EXPIRED", List.of(new FieldViolation("token", "has expired; ask for a new one")));
    }
    return found;
  }

  /** Uses up the token (see {@link #peek} for the refusals): it never works again. */
  public AccountToken redeem(String token, TokenPurpose purpose) {
    AccountToken found = peek(token, purpose);
    if (!store.delete(found.hash())) {
      throw invalid(); // used by a concurrent call
    }
    return found;
  }

  /** Ends the account's tokens of {@code purpose} (a password change ends recovery tokens). */
  public void revoke(String projectId, String accountId, TokenPurpose purpose) {
    store.deleteFor(projectId, accountId, purpose);
  }

  public List<AccountToken> listFor(String projectId, String accountId) {
    return store.listFor(projectId, accountId);
  }

  public int erase(String projectId, String accountId) {
    return store.deleteAll(projectId, accountId);
  }

  public int purgeExpired() {
    return store.deleteExpired(clock.instant());
  }

  private static DomainException invalid() {
    return DomainException.invalid("TOKEN_INVALID", List.of(new FieldViolation("token", "is not a valid token; it may have been used or replaced")));
  }
}
