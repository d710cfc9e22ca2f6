package org.custody.identity.token;

import java.time.Instant;

/** A single-use token mailed to an account, as stored: only the SHA-256 of the token. */
public record AccountToken(byte[] hash, TokenPurpose purpose, String projectId, String accountId, Instant createTime, Instant expireTime) {
  @Override
  public String toString() {
    return "AccountToken[" + purpose + ", " + projectId + "/" + accountId + "]"; // never the hash
  }
}
