package org.custody.platform.session;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.custody.platform.cache.BoundedCaches;

/**
 * Remembers identity's answers for a short time-to-live so that the hot read paths of the leaves
 * do not ask identity on every call. Both answers are kept: a live session (with its principal)
 * and a dead one (so a flood of bad tokens does not become a flood of identity calls). A
 * revocation is therefore seen here at most {@code ttl} after identity sees it. Failures are
 * never cached: while identity cannot answer, every call needing a session not yet cached fails
 * closed (UNAVAILABLE), and cached answers expire on time. Keys are SHA-256 hashes of the tokens,
 * so the tokens themselves are not kept in memory longer than the call. Its meters are the
 * {@code session_checks} cache's.
 */
public final class CachedSessions implements SessionValidator {
  private final SessionValidator identity;
  private final boolean caching;
  private final Cache<ByteBuffer, Optional<SessionPrincipal>> answers;

  public CachedSessions(SessionValidator identity, Duration ttl, int maxEntries, Clock clock, MeterRegistry registry) {
    this.identity = identity;
    this.caching = !ttl.isZero() && maxEntries > 0;
    this.answers = BoundedCaches.expiringAfterWrite("session_checks", maxEntries, ttl, clock, registry);
  }

  @Override
  public Optional<SessionPrincipal> validate(String sessionToken) {
    if (!caching) {
      return identity.validate(sessionToken);
    }
    ByteBuffer key = ByteBuffer.wrap(hash(sessionToken));
    Optional<SessionPrincipal> cached = answers.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    // Not Cache.get(key, loader): a failure must propagate and not be remembered, and two callers
    // racing on one new token costing two identity calls is cheaper than holding a lock across one.
    Optional<SessionPrincipal> answer = identity.validate(sessionToken);
    answers.put(key, answer);
    return answer;
  }

  long size() {
    answers.cleanUp();
    return answers.estimatedSize();
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
