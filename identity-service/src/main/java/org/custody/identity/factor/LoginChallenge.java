package org.custody.identity.factor;

import java.time.Instant;

/** A login waiting for its second factor, as stored: the SHA-256 of the challenge. */
public record LoginChallenge(byte[] hash, String projectId, String accountId, int attempts, Instant createTime, Instant expireTime) {
  @Override
  public String toString() {
    return "LoginChallenge[" + projectId + "/" + accountId + "]";
  }
}
