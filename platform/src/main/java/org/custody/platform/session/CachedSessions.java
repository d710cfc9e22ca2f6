package org.custody.platform.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers identity's answers for a short time-to-live so that the hot read paths of the leaves
 * do not ask identity on every call. Both answers are kept: a live session (with its principal)
 * and a dead one (so a flood of bad tokens does not become a flood of identity calls). A
 * revocation is therefore seen here at most {@code ttl} after identity sees it. Failures are
 * never cached: while identity cannot answer, every call needing a session not yet cached fails
 * closed (UNAVAILABLE), and cached answers expire on time. Keys are SHA-256 hashes of the tokens,
 * so the tokens themselves are not kept in memory longer than the call.
 */
public final class CachedSessions implements SessionValidator {
  private record Entry(Optional<SessionPrincipal> principal, Instant expires) {}

  private final SessionValidator identity;
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();

  public CachedSessions(SessionValidator identity, Duration ttl, int maxEntries, Clock clock) {
    this.identity = identity;
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  @Override
  public Optional<SessionPrincipal> validate(String sessionToken) {
    if (ttl.isZero() || maxEntries <= 0) {
      return identity.validate(sessionToken);
    }
    ByteBuffer key = ByteBuffer.wrap(hash(sessionToken));
    Instant now = clock.instant();
    Entry cached = entries.get(key);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.principal();
    }
    Optional<SessionPrincipal> answer = identity.validate(sessionToken);
    if (entries.size() >= maxEntries) {
      makeRoom(now);
    }
    entries.put(key, new Entry(answer, now.plus(ttl)));
    return answer;
  }

  /** Drops what expired; if that is not enough, everything (a refill costs one identity call each). */
  private void makeRoom(Instant now) {
    entries.values().removeIf(e -> !now.isBefore(e.expires()));
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
  }

  int size() {
    return entries.size();
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
