package org.custody.platform.jobs;

import java.time.Duration;

/**
 * How often and how long to retry a message: exponential backoff from {@code firstDelay},
 * capped at {@code maxDelay}, at most {@code maxAttempts} attempts in all.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
  }

  /** The delay after the {@code attempts}-th failed attempt. */
  public Duration delayAfter(int attempts) {
    Duration delay = firstDelay.multipliedBy(1L << Math.min(30, Math.max(0, attempts - 1)));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
