package org.custody.billing.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.custody.platform.cache.BoundedCaches;

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
 * every entry opened before it unusable. Meters: {@code cache_*{cache="billing_opened_keys"}}.
 */
final class OpenedKeyCache {
  static final int MAX_ENTRIES = 10_000;
  static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

  private final Cache<String, Entry> entries;
  private final LongSupplier kekGeneration;

  /** What a key was opened from and under which KEK generation. */
  private static final class Entry {
    final int kekVersion;
    final byte[] wrappedKey;
    final DataCipher cipher;
    final long generation;

    Entry(DataKeyRef ref, DataCipher cipher, long generation) {
      this.kekVersion = ref.kekVersion();
      this.wrappedKey = ref.wrappedKey().clone();
      this.cipher = cipher;
      this.generation = generation;
    }

    boolean matches(DataKeyRef ref, long currentGeneration) {
      return generation == currentGeneration && kekVersion == ref.kekVersion() && Arrays.equals(wrappedKey, ref.wrappedKey());
    }
  }

  OpenedKeyCache(LongSupplier kekGeneration, Clock clock, MeterRegistry registry) {
    this(kekGeneration, clock, MAX_ENTRIES, registry);
  }

  OpenedKeyCache(LongSupplier kekGeneration, Clock clock, int maxEntries, MeterRegistry registry) {
    this.kekGeneration = kekGeneration;
    this.entries = BoundedCaches.expiringAfterWrite("billing_opened_keys", maxEntries, TIME_TO_LIVE, clock, registry);
  }

  /** The KEK generation to pass to {@link #put}: read it before opening the key. */
  long generation() {
    return kekGeneration.getAsLong();
  }

  /** The cipher of exactly this stored key, if it was opened recently under the current KEK versions. */
  DataCipher get(DataKeyRef ref) {
    Entry entry = entries.getIfPresent(ref.id());
    if (entry == null) {
      return null;
    }
    if (!entry.matches(ref, kekGeneration.getAsLong())) {
      entries.asMap().remove(ref.id(), entry);
      return null;
    }
    return entry.cipher;
  }

  /** Remembers a key just opened from {@code ref} while the KEK generation was {@code generation}. */
  void put(DataKeyRef ref, DataCipher cipher, long generation) {
    entries.put(ref.id(), new Entry(ref, cipher, generation));
  }

  /** Forgets a key (it is being destroyed). */
  void evict(String keyId) {
    entries.invalidate(keyId);
  }

  int size() {
    entries.cleanUp();
    return Math.toIntExact(entries.estimatedSize());
  }
}
