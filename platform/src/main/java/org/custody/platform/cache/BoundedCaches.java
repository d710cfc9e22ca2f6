package org.custody.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one way a service keeps something in memory for a while: a Caffeine cache bounded in
 * entries (when full it evicts the entries least likely to be used again, instead of starting
 * over), whose entries expire a fixed time after they were written as the service's
 * {@link Clock} tells (so tests move time by hand), and whose hits, misses and evictions are
 * meters: {@code cache_gets_total{cache,result}}, {@code cache_evictions_total{cache}},
 * {@code cache_size{cache}}. Keys and values are never part of a meter.
 *
 * <p>Maintenance (expiry, eviction) runs on the calling thread, not a shared pool: a cache of
 * secrets (opened data keys) then drops them on the caller's schedule, and tests see a
 * deterministic size.
 */
public final class BoundedCaches {
  private BoundedCaches() {}

  /**
   * @param name the {@code cache} tag of its meters: lower-case words joined by '_', the
   *     service's name first (identity_sessions)
   * @param maxEntries at most this many entries; 0 keeps nothing
   * @param timeToLive how long after it was written an entry may be answered
   */
  public static <K, V> Cache<K, V> expiringAfterWrite(String name, long maxEntries, Duration timeToLive, Clock clock,
      MeterRegistry registry) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("cache name must be lower_snake_case: " + name);
    }
    Cache<K, V> cache = Caffeine.newBuilder()
        .maximumSize(Math.max(0, maxEntries))
        .expireAfterWrite(timeToLive)
        .ticker(ticker(clock))
        .executor(Runnable::run)
        .recordStats()
        .build();
    return CaffeineCacheMetrics.monitor(registry, cache, name);
  }

  /** Nanoseconds on {@code clock}: Caffeine only compares differences of these. */
  static Ticker ticker(Clock clock) {
    return () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }
}
