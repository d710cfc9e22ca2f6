package org.custody.billing.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Data keys opened recently, so reading a subject's rows again does not unwrap and parse the same
 * key each time (that was the largest share of a profile read's CPU outside the transport).
 * In this process's memory only, at most {@link #MAX_ENTRIES} keys, each for at most
 * {@link #TIME_TO_LIVE}; never written anywhere, and nothing here has a printable form.
 *
 * <p>Why this cannot revive a shredded key: an entry is only ever looked up with a key row the
 * caller has just read from the database, and is used only if that row's wrapped key and KEK
 * version are exactly the ones it was opened from. Once erasure deleted the row there is nothing
 * to look it up with; the erasure also evicts the entry at once, so the key material does not
 * linger until it expires. A rewrapped key (rotation) no longer matches its entry, and any
 * change of the KEK versions this process has loaded (rotation, disabling, destruction) makes
 * every entry opened before it unusable.
 */
final class OpenedKeyCache {
  static final int MAX_ENTRIES = 10_000;
  static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final LongSupplier kekGeneration;
  private final Clock clock;
  private final int maxEntries;

  /** What a key was opened from, when, and under which KEK generation. */
  private static final class Entry {
    final int kekVersion;
    final byte[] wrappedKey;
    final DataCipher cipher;
    final long generation;
    final Instant expires;

    Entry(DataKeyRef ref, DataCipher cipher, long generation, Instant expires) {
      this.kekVersion = ref.kekVersion();
      this.wrappedKey = ref.wrappedKey().clone();
      this.cipher = cipher;
      this.generation = generation;
      this.expires = expires;
    }

    boolean matches(DataKeyRef ref, long currentGeneration, Instant now) {
      return generation == currentGeneration && now.isBefore(expires)
          && kekVersion == ref.kekVersion() && Arrays.equals(wrappedKey, ref.wrappedKey());
    }
  }

  OpenedKeyCache(LongSupplier kekGeneration, Clock clock) {
    this(kekGeneration, clock, MAX_ENTRIES);
  }

  OpenedKeyCache(LongSupplier kekGeneration, Clock clock, int maxEntries) {
    this.kekGeneration = kekGeneration;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /** The KEK generation to pass to {@link #put}: read it before opening the key. */
  long generation() {
    return kekGeneration.getAsLong();
  }

  /** The cipher of exactly this stored key, if it was opened recently under the current KEK versions. */
  DataCipher get(DataKeyRef ref) {
    Entry entry = entries.get(ref.id());
    if (entry == null) {
      return null;
    }
    if (!entry.matches(ref, kekGeneration.getAsLong(), clock.instant())) {
      entries.remove(ref.id(), entry);
      return null;
    }
    return entry.cipher;
  }

  /** Remembers a key just opened from {@code ref} while the KEK generation was {@code generation}. */
  void put(DataKeyRef ref, DataCipher cipher, long generation) {
    Instant now = clock.instant();
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(e -> !now.isBefore(e.expires));
      if (entries.size() >= maxEntries) {
        entries.clear(); // still full of live keys: start over rather than track recency per read
      }
    }
    entries.put(ref.id(), new Entry(ref, cipher, generation, now.plus(TIME_TO_LIVE)));
  }

  /** Forgets a key (it is being destroyed). */
  void evict(String keyId) {
    entries.remove(keyId);
  }

  int size() {
    return entries.size();
  }
}
