package org.custody.identity.session;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.custody.identity.metrics.IdentityMetrics.SessionEnd;
import org.custody.identity.metrics.IdentityMetrics;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/**
 * Session rules (P12): opaque tokens stored only as hashes, an idle timeout and an absolute
 * lifetime enforced here, no way to extend a session, immediate revocation on this instance.
 *
 * <p>{@link #validate} is the hot path. It answers from {@link SessionCache} and never waits for
 * the database on a cache hit: activity is noted in memory at most once per
 * {@code activityInterval} per session and written in one batch by {@link #flushActivity}, which
 * a background job calls every second.
 */
public final class Sessions {
  /** Ended and expired sessions stay this long (answering SESSION_REVOKED/EXPIRED) before the sweep deletes them. */
  static final Duration SWEEP_GRACE = Duration.ofMinutes(5);

  private final SessionStore store;
  private final SessionSettings settings;
  private final IdentityMetrics metrics;
  private final Clock clock;
  private final SecureRandom random;
  private final RandomIds ids;
  private final SessionCache cache;
  private final Executor refresher;
  private final ConcurrentHashMap<String, Instant> pendingActivity = new ConcurrentHashMap<>();

  /**
   * @param refresher where cached sessions past their time-to-live are re-read, so the calls that
   *     notice it keep answering from memory meanwhile (unit tests pass {@code Runnable::run})
   */
  public Sessions(SessionStore store, SessionSettings settings, IdentityMetrics metrics, Clock clock, SecureRandom random,
      Executor refresher, MeterRegistry registry) {
    this.refresher = refresher;
    this.store = store;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.random = random;
    this.ids = new RandomIds(random);
    Duration keepFor = settings.idleTimeout().compareTo(settings.cacheTtl().multipliedBy(2)) > 0
        ? settings.idleTimeout() : settings.cacheTtl().multipliedBy(2);
    this.cache = new SessionCache(settings.cacheTtl().isZero() ? 0 : settings.cacheMaxEntries(), keepFor, clock, registry);
  }

  public SessionSettings settings() {
    return settings;
  }

  /** Opens a new AAL1 session for an account whose password was just verified. */
  public OpenedSession open(String projectId, String accountId) {
    return open(projectId, accountId, 1);
  }

  /** Opens a new session at {@code aal} (2 once a second factor was verified too). */
  public OpenedSession open(String projectId, String accountId, int aal) {
    Instant now = clock.instant();
    String token = SessionToken.generate(random);
    byte[] hash = SessionToken.hash(token).orElseThrow();
    Session session = new Session(ids.next(), projectId, accountId, hash, now, now, now.plus(settings.absoluteLifetime()),
        Optional.empty(), Optional.empty(), aal);
    store.insert(session);
    cache.putIfCurrent(cache.generation(), new SessionCache.Entry(session, now));
    return new OpenedSession(session, token, new SessionCookie(settings.cookieName(), token), principal(session));
  }

  /**
   * The principal of a live session, or UNAUTHENTICATED with reason SESSION_UNKNOWN,
   * SESSION_REVOKED or SESSION_EXPIRED.
   */
  public Principal validate(String token) {
    byte[] hash = SessionToken.hash(token).orElseThrow(Sessions::unknown);
    Instant now = clock.instant();
    SessionCache.Entry entry = cache.get(hash);
    boolean fresh = false;
    if (entry == null || !now.isBefore(entry.loadedAt.plus(settings.cacheTtl().multipliedBy(2)))) {
      entry = load(hash, now, entry);
      fresh = true;
    } else if (!now.isBefore(entry.loadedAt.plus(settings.cacheTtl())) && entry.refreshing.compareAndSet(false, true)) {
      // Stale but recent: serve it, and re-read in the background (the hot path never waits on the database).
      refresh(hash, entry);
      entry = Objects.requireNonNullElse(cache.get(hash), entry);
    }
    Session session = entry.session;
    if (session.ended()) {
      throw DomainException.of(ErrorKind.UNAUTHENTICATED, "SESSION_REVOKED", "the session was ended; log in again");
    }
    if (!now.isBefore(session.absoluteExpireTime())) {
      throw expired();
    }
    if (!now.isBefore(entry.lastActive.get().plus(settings.idleTimeout()))) {
      // Another instance may have seen activity this one has not: ask the database before saying no.
      if (!fresh) {
        entry = load(hash, now, entry);
      }
      if (entry.session.ended()) {
        throw DomainException.of(ErrorKind.UNAUTHENTICATED, "SESSION_REVOKED", "the session was ended; log in again");
      }
      if (!now.isBefore(entry.lastActive.get().plus(settings.idleTimeout()))) {
        throw expired();
      }
    }
    touch(entry, now);
    return principal(entry.session);
  }

  private void refresh(byte[] hash, SessionCache.Entry stale) {
    try {
      refresher.execute(() -> {
        try {
          load(hash, clock.instant(), stale);
        } catch (DomainException gone) {
          cache.remove(stale);
        }
      });
    } catch (RejectedExecutionException busy) {
      // the next call past twice the time-to-live reads it synchronously
    }
  }

  /** Reads the session, keeping the activity this instance already knew of ({@code previous} may be null). */
  private SessionCache.Entry load(byte[] hash, Instant now, SessionCache.Entry previous) {
    long generation = cache.generation();
    Session session = store.findByTokenHash(hash).orElseThrow(Sessions::unknown);
    SessionCache.Entry entry = new SessionCache.Entry(session, now);
    Instant unwritten = pendingActivity.get(session.id());
    if (unwritten != null) {
      // noted here but not flushed yet: the database's time is older than what this instance knows
      entry.lastActive.accumulateAndGet(unwritten, Sessions::later);
      entry.lastWritten.accumulateAndGet(unwritten, Sessions::later);
    }
    if (previous != null && previous.session.id().equals(session.id())) {
      entry.lastActive.accumulateAndGet(previous.lastActive.get(), Sessions::later);
      entry.lastWritten.accumulateAndGet(previous.lastWritten.get(), Sessions::later);
    }
    cache.putIfCurrent(generation, entry);
    return entry;
  }

  private void touch(SessionCache.Entry entry, Instant now) {
    entry.lastActive.accumulateAndGet(now, (a, b) -> a.isAfter(b) ? a : b);
    Instant written = entry.lastWritten.get();
    if (!now.isBefore(written.plus(settings.activityInterval())) && entry.lastWritten.compareAndSet(written, now)) {
      pendingActivity.merge(entry.session.id(), now, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /**
   * Writes the activity noted since the last flush, in one transaction. Called every second by
   * a background job; a crash loses at most that second of activity, which only makes an idle
   * timeout come up to a second early.
   */
  public void flushActivity() {
    if (pendingActivity.isEmpty()) {
      return;
    }
    Map<String, Instant> batch = new HashMap<>();
    for (String sessionId : List.copyOf(pendingActivity.keySet())) {
      Instant time = pendingActivity.remove(sessionId);
      if (time != null) {
        batch.put(sessionId, time);
      }
    }
    try {
      store.recordActivity(batch);
    } catch (RuntimeException e) {
      batch.forEach((id, time) -> pendingActivity.merge(id, time, (a, b) -> a.isAfter(b) ? a : b));
      throw e;
    }
  }

  /** Live sessions of an account, newest first, without tokens. */
  public Slice<Session> list(String projectId, String accountId, String cursor, int size) {
    Instant now = clock.instant();
    return store.listLive(projectId, accountId, now, now.minus(settings.idleTimeout()), cursor, size);
  }

  /** Ends one session named by id (NOT_FOUND when the account has no such session). */
  public void revoke(String projectId, String accountId, String sessionId) {
    Session session = store.find(projectId, accountId, sessionId).orElseThrow(() -> DomainException.notFound("session"));
    if (store.end(session.id(), clock.instant(), Session.EndReason.REVOKED)) {
      metrics.sessionsEnded(SessionEnd.REVOKED, 1);
    }
    cache.invalidate(session.tokenHash());
  }

  /** Logs out: ends the session the token names. Unknown or already ended tokens are fine. */
  public void logout(String token) {
    Optional<byte[]> hash = SessionToken.hash(token);
    if (hash.isEmpty()) {
      return;
    }
    Optional<Session> session = store.findByTokenHash(hash.get());
    if (session.isPresent() && store.end(session.get().id(), clock.instant(), Session.EndReason.LOGOUT)) {
      metrics.sessionsEnded(SessionEnd.LOGOUT, 1);
    }
    cache.invalidate(hash.get());
  }

  /** Ends every session of the account; returns how many were live. */
  public int revokeAll(String projectId, String accountId) {
    return revokeAllExcept(projectId, accountId, "");
  }

  /** Ends every session of the account but {@code keepSessionId}; returns how many. */
  public int revokeAllExcept(String projectId, String accountId, String keepSessionId) {
    List<byte[]> ended = store.endAll(projectId, accountId, keepSessionId, clock.instant(), Session.EndReason.REVOKED);
    ended.forEach(cache::invalidate);
    metrics.sessionsEnded(SessionEnd.REVOKED, ended.size());
    return ended.size();
  }

  /** Every session of the account, ended or not, for a subject export. */
  public List<Session> listAll(String projectId, String accountId) {
    return store.listAll(projectId, accountId);
  }

  /** Deletes every session of the account (erasure); returns how many rows. */
  public int erase(String projectId, String accountId) {
    Instant now = clock.instant();
    List<Session> deleted = store.deleteAll(projectId, accountId);
    int live = 0;
    for (Session session : deleted) {
      cache.invalidate(session.tokenHash());
      if (!session.ended() && now.isBefore(session.absoluteExpireTime())) {
        live++;
      }
    }
    metrics.sessionsEnded(SessionEnd.REVOKED, live);
    return deleted.size();
  }

  /**
   * The expiry sweep: deletes sessions that ended or expired more than a few minutes ago (well
   * within a day of expiry), counting the expired ones. Returns how many rows were deleted.
   */
  public int sweep() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(SWEEP_GRACE);
    int ended = store.deleteEnded(cutoff);
    int expired = store.deleteExpired(cutoff, cutoff.minus(settings.idleTimeout()));
    metrics.sessionsEnded(SessionEnd.EXPIRED, expired);
    cache.purgeExpired(now);
    return ended + expired;
  }

  /** How many sessions are live now (the active-sessions gauge). */
  public long countLive() {
    Instant now = clock.instant();
    return store.countLive(now, now.minus(settings.idleTimeout()));
  }

  /** The principal a session stands for. */
  public static Principal principal(Session session) {
    return new Principal(session.projectId(), session.accountId(), session.id(), session.createTime(), session.absoluteExpireTime(),
        session.aal());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static DomainException unknown() {
    return DomainException.of(ErrorKind.UNAUTHENTICATED, "SESSION_UNKNOWN", "the session is not known; log in");
  }

  private static DomainException expired() {
    return DomainException.of(ErrorKind.UNAUTHENTICATED, "SESSION_EXPIRED", "the session has expired; log in again");
  }
}
