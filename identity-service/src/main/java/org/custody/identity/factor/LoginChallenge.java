package org.custody.identity.factor;

import java.time.Instant;
import java.util.Optional;

/**
 * A login waiting for its second factor, as stored: the SHA-256 of the challenge.
 *
 * @param webauthnChallenge the random challenge a WebAuthn assertion must sign, when the account has passkeys
 */
public record LoginChallenge(byte[] hash, String projectId, String accountId, int attempts, Instant createTime, Instant expireTime,
    Optional<byte[]> webauthnChallenge) {
  @Override
  public String toString() {
    return "LoginChallenge[" + projectId + "/" + accountId + "]";
  }
}
