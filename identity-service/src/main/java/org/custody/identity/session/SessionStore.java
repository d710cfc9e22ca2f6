package org.custody.identity.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.platform.domain.Slice;

/** Persistence of sessions, addressed by the SHA-256 of their token or by id. */
public interface SessionStore {
  void insert(Session session);

  Optional<Session> findByTokenHash(byte[] tokenHash);

  Optional<Session> find(String projectId, String accountId, String sessionId);

  /** Moves last activity forward (never back) on each session that has not ended, in one transaction. */
  void recordActivity(Map<String, Instant> lastActiveBySessionId);

  /**
   * Live (not ended, not expired) sessions of an account, newest first.
   *
   * @param idleSince sessions last active before this have idled out
   */
  Slice<Session> listLive(String projectId, String accountId, Instant now, Instant idleSince, String cursor, int size);

  /**
   * Ends the account's sessions that have not ended, except {@code keepSessionId} (may be empty).
   *
   * @return the token hashes of the sessions ended, so caches can drop them
   */
  List<byte[]> endAll(String projectId, String accountId, String keepSessionId, Instant time, Session.EndReason reason);

  /** Ends one session if it has not ended; returns whether it did. */
  boolean end(String sessionId, Instant time, Session.EndReason reason);

  /** Every session of the account, ended or not (for exports). */
  List<Session> listAll(String projectId, String accountId);

  /**
   * Deletes every session of the account.
   *
   * @return the deleted sessions (so callers can count the live ones and drop them from caches)
   */
  List<Session> deleteAll(String projectId, String accountId);

  /** Deletes sessions that ended before {@code endedBefore}; returns how many. */
  int deleteEnded(Instant endedBefore);

  /**
   * Deletes sessions that were never ended but expired: absolute expiry before {@code expiredBefore},
   * or last activity before {@code idleBefore}. Returns how many.
   */
  int deleteExpired(Instant expiredBefore, Instant idleBefore);

  /** How many sessions are live now. */
  long countLive(Instant now, Instant idleSince);
}
