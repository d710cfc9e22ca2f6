package org.custody.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class BoundedCachesTest {
  private final MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void entriesExpireOnTheServiceClock() {
    Cache<String, String> cache = BoundedCaches.expiringAfterWrite("test_things", 10, Duration.ofSeconds(5), clock, registry);
    cache.put("k", "v");
    clock.advance(Duration.ofMillis(4_999));
    assertThat(cache.getIfPresent("k")).isEqualTo("v");
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.getIfPresent("k")).isNull();
  }

  @Test
  void aFullCacheEvictsSomeEntries_notAll() {
    Cache<Integer, Integer> cache = BoundedCaches.expiringAfterWrite("test_things", 100, Duration.ofMinutes(1), clock, registry);
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 50; i++) {
        cache.getIfPresent(i); // the first fifty are popular
      }
      for (int i = 0; i < 50; i++) {
        cache.put(i, i);
      }
    }
    for (int i = 1_000; i < 1_200; i++) {
      cache.put(i, i);
    }
    cache.cleanUp();
    assertThat(cache.estimatedSize()).isBetween(1L, 100L);
    long popularKept = java.util.stream.IntStream.range(0, 50).filter(i -> cache.getIfPresent(i) != null).count();
    assertThat(popularKept).as("frequently read entries survive a burst of one-off writes").isGreaterThan(25);
  }

  @Test
  void hitsMissesAndEvictionsAreMeters_taggedByCacheName() {
    Cache<String, String> cache = BoundedCaches.expiringAfterWrite("test_things", 1, Duration.ofMinutes(1), clock, registry);
    cache.getIfPresent("a");
    cache.put("a", "1");
    cache.getIfPresent("a");
    cache.getIfPresent("a");
    cache.put("b", "2");
    cache.put("c", "3");
    cache.cleanUp();
    assertThat(registry.get("cache.gets").tag("cache", "test_things").tag("result", "hit").functionCounter().count()).isEqualTo(2);
    assertThat(registry.get("cache.gets").tag("cache", "test_things").tag("result", "miss").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("cache.evictions").tag("cache", "test_things").functionCounter().count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void zeroEntriesKeepsNothing() {
    Cache<String, String> cache = BoundedCaches.expiringAfterWrite("test_things", 0, Duration.ofMinutes(1), clock, registry);
    cache.put("a", "1");
    cache.cleanUp();
    assertThat(cache.getIfPresent("a")).isNull();
  }

  @Test
  void namesAreMeterFriendly() {
    assertThatThrownBy(() -> BoundedCaches.expiringAfterWrite("Sessions Cache", 1, Duration.ofMinutes(1), clock, registry))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
