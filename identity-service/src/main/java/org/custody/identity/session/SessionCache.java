package org.custody.identity.session;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.custody.platform.cache.BoundedCaches;

/**
 * The in-process view of recently validated sessions, so the hot path (ValidateSession) answers
 * from memory. An entry is served until its time-to-live passes, then read again; an instance
 * that ends a session drops it at once. Loads that race with an invalidation are not kept: a
 * generation counter, bumped before every invalidation, tells a loader its read may be stale.
 * Bounded by the platform's cache (meters {@code cache_*{cache="identity_sessions"}}): when full
 * it evicts the sessions least likely to be used again. {@link Sessions} decides when an entry
 * is too old to answer from (it re-reads it); the cache itself drops an entry only once the
 * session's idle timeout passed since it was loaded, because until then a re-read still needs
 * the entry's in-memory activity (a flush of it may be on its way to the database).
 */
final class SessionCache {
  /** A cached session plus the activity this instance has seen. */
  static final class Entry {
    final Session session;
    final Instant loadedAt;
    final AtomicReference<Instant> lastActive;
    final AtomicReference<Instant> lastWritten;
    final AtomicBoolean refreshing = new AtomicBoolean();

    Entry(Session session, Instant loadedAt) {
      this.session = session;
      this.loadedAt = loadedAt;
      this.lastActive = new AtomicReference<>(session.lastActiveTime());
      this.lastWritten = new AtomicReference<>(session.lastActiveTime());
    }
  }

  private final Cache<ByteBuffer, Entry> entries;
  private final AtomicLong generation = new AtomicLong();
  private final int maxEntries;

  /** @param keepFor how long after it was loaded an entry is kept at most */
  SessionCache(int maxEntries, Duration keepFor, Clock clock, MeterRegistry registry) {
    this.maxEntries = maxEntries;
    this.entries = BoundedCaches.expiringAfterWrite("identity_sessions", maxEntries, keepFor, clock, registry);
  }

  Entry get(byte[] tokenHash) {
    return entries.getIfPresent(ByteBuffer.wrap(tokenHash));
  }

  /** The generation to pass to {@link #putIfCurrent} after reading the database. */
  long generation() {
    return generation.get();
  }

  /** Keeps {@code entry} unless an invalidation happened since {@code generationBeforeRead}. */
  void putIfCurrent(long generationBeforeRead, Entry entry) {
    if (maxEntries <= 0) {
      return;
    }
    ByteBuffer key = ByteBuffer.wrap(entry.session.tokenHash());
    entries.put(key, entry);
    if (generation.get() != generationBeforeRead) {
      entries.asMap().remove(key, entry);
    }
  }

  /** Drops {@code entry} if it is still the one cached (a refresh found its session gone). */
  void remove(Entry entry) {
    entries.asMap().remove(ByteBuffer.wrap(entry.session.tokenHash()), entry);
  }

  void invalidate(byte[] tokenHash) {
    generation.incrementAndGet();
    entries.invalidate(ByteBuffer.wrap(tokenHash));
  }

  /** Drops entries whose session can no longer be valid. */
  void purgeExpired(Instant now) {
    entries.asMap().values().removeIf(e -> !e.session.absoluteExpireTime().isAfter(now));
  }

  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }
}
