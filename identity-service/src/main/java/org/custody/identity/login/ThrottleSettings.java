package org.custody.identity.login;

import java.time.Duration;

/**
 * Failed-login throttling (P15).
 *
 * @param maxFailures failures within the window that lock the (project, e-mail) pair
 * @param window the window failures are counted in
 * @param lockDuration how long a lock lasts
 * @param freeFailures failures allowed before delays start; each later failure doubles the wait, from one second
 */
public record ThrottleSettings(int maxFailures, Duration window, Duration lockDuration, int freeFailures) {
  public ThrottleSettings {
    if (maxFailures < 1 || freeFailures < 0 || freeFailures >= maxFailures) {
      throw new IllegalArgumentException("need 0 <= freeFailures < maxFailures");
    }
  }

  /** 10 failures in 15 minutes lock for 15 minutes; delays grow from the 3rd failure. */
  public static ThrottleSettings defaults() {
    return new ThrottleSettings(10, Duration.ofMinutes(15), Duration.ofMinutes(15), 2);
  }

  /** The wait after the {@code failures}-th failure in a window: 0, then 1 s, 2 s, 4 s... (at most a minute). */
  public Duration delayAfter(int failures) {
    if (failures <= freeFailures) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - freeFailures - 1, 6);
    return Duration.ofSeconds(1L << doublings);
  }
}
