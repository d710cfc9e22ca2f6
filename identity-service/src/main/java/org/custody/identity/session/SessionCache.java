package org.custody.identity.session;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The in-process view of recently validated sessions, so the hot path (ValidateSession) answers
 * from memory. An entry is served until its time-to-live passes, then read again; an instance
 * that ends a session drops it at once. Loads that race with an invalidation are not kept: a
 * generation counter, bumped before every invalidation, tells a loader its read may be stale.
 */
final class SessionCache {
  /** A cached session plus the activity this instance has seen. */
  static final class Entry {
    final Session session;
    final Instant loadedAt;
    final AtomicReference<Instant> lastActive;
    final AtomicReference<Instant> lastWritten;
    final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

    Entry(Session session, Instant loadedAt) {
      this.session = session;
      this.loadedAt = loadedAt;
      this.lastActive = new AtomicReference<>(session.lastActiveTime());
      this.lastWritten = new AtomicReference<>(session.lastActiveTime());
    }
  }

  private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final int maxEntries;

  SessionCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  Entry get(byte[] tokenHash) {
    return entries.get(ByteBuffer.wrap(tokenHash));
  }

  /** The generation to pass to {@link #putIfCurrent} after reading the database. */
  long generation() {
    return generation.get();
  }

  /** Keeps {@code entry} unless an invalidation happened since {@code generationBeforeRead}. */
  void putIfCurrent(long generationBeforeRead, Entry entry, Supplier<Instant> now) {
    if (maxEntries <= 0) {
      return;
    }
    if (entries.size() >= maxEntries) {
      makeRoom(now.get());
    }
    ByteBuffer key = ByteBuffer.wrap(entry.session.tokenHash());
    entries.put(key, entry);
    if (generation.get() != generationBeforeRead) {
      entries.remove(key, entry);
    }
  }

  /** Drops {@code entry} if it is still the one cached (a refresh found its session gone). */
  void remove(Entry entry) {
    entries.remove(ByteBuffer.wrap(entry.session.tokenHash()), entry);
  }

  void invalidate(byte[] tokenHash) {
    generation.incrementAndGet();
    entries.remove(ByteBuffer.wrap(tokenHash));
  }

  /** Drops entries whose session can no longer be valid. */
  void purgeExpired(Instant now) {
    entries.values().removeIf(e -> !e.session.absoluteExpireTime().isAfter(now));
  }

  int size() {
    return entries.size();
  }

  private void makeRoom(Instant now) {
    purgeExpired(now);
    if (entries.size() >= maxEntries) {
      // Rare (a full cache of live sessions): start over rather than track recency on the hot path.
      entries.clear();
    }
  }
}
