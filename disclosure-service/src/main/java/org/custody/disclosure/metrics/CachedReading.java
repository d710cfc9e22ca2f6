package org.custody.disclosure.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.custody.platform.errors.SafeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database reading shared by several gauges: re-read when older than its maximum age, so one
 * scrape of all of them costs one query, and a scrape storm costs at most one per interval. NaN
 * while the database cannot answer.
 */
final class CachedReading<T> {
  private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

  private final String name;
  private final Supplier<T> source;
  private final long maxAgeNanos;
  private T last;
  private long readAt;
  private boolean read;

  /** @param name what is read, for the log line when reading fails */
  CachedReading(String name, Supplier<T> source, Duration maxAge) {
    this.name = name;
    this.source = source;
    this.maxAgeNanos = maxAge.toNanos();
  }

  synchronized double get(ToDoubleFunction<T> value) {
    long now = System.nanoTime();
    if (!read || now - readAt > maxAgeNanos) {
      read = true;
      readAt = now;
      try {
        last = source.get();
      } catch (RuntimeException e) {
        last = null; // the next read is tried after maxAge, not once per gauge of this scrape
        log.warn("reading the {} failed cause={}", name, SafeDescription.of(e));
      }
    }
    return last == null ? Double.NaN : value.applyAsDouble(last);
  }
}
