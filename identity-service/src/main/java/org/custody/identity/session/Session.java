package org.custody.identity.session;

import java.time.Instant;
import java.util.Optional;

/**
 * A login session as stored: never the token, only its SHA-256 ({@code tokenHash}).
 *
 * @param createTime when the password was verified (the authentication time)
 * @param lastActiveTime last recorded activity (recorded at most about once a minute)
 * @param absoluteExpireTime the end of its life, whatever the activity (P12)
 * @param endTime when it was revoked or logged out, if it was
 * @param aal how many factors opened it (1: the password; 2: the password and a second factor)
 */
public record Session(String id, String projectId, String accountId, byte[] tokenHash, Instant createTime,
    Instant lastActiveTime, Instant absoluteExpireTime, Optional<Instant> endTime, Optional<EndReason> endReason, int aal) {

  /** Why a session was ended before it expired. */
  public enum EndReason { LOGOUT, REVOKED }

  public boolean ended() {
    return endTime.isPresent();
  }

  @Override
  public String toString() {
    return "Session[" + id + "]"; // never the token hash
  }
}
