package org.custody.identity.login;

import java.time.Duration;

/**
 * Failed-login throttling (P15). Failures count per (project, e-mail, client key), where delays
 * grow and the pair is finally locked; and per (project, e-mail) across all client keys, where a
 * much higher ceiling only spaces attempts out and never locks, so an attacker elsewhere cannot
 * keep the owner out.
 *
 * @param maxFailures failures within the window that lock the (project, e-mail, client key) pair
 * @param window the window failures are counted in
 * @param lockDuration how long a lock lasts
 * @param freeFailures failures allowed before delays start; each later failure doubles the wait, from one second
 * @param accountCeiling failures of an account, across client keys, within the window after which attempts are spaced
 * @param accountDelay past the ceiling, how long after the account's last failure the next attempt may come
 */
public record ThrottleSettings(int maxFailures, Duration window, Duration lockDuration, int freeFailures, int accountCeiling,
    Duration accountDelay) {
  public ThrottleSettings {
    if (maxFailures < 1 || freeFailures < 0 || freeFailures >= maxFailures) {
      throw new IllegalArgumentException("need 0 <= freeFailures < maxFailures");
    }
    if (accountCeiling < maxFailures) {
      throw new IllegalArgumentException("the account ceiling must be at least the per-client maximum");
    }
  }

  /**
   * 10 failures in 15 minutes lock a client key out of the account for 15 minutes; delays grow
   * from the 3rd failure; past 100 failures of the account in 15 minutes, one attempt every 2 s.
   */
  public static ThrottleSettings defaults() {
    return new ThrottleSettings(10, Duration.ofMinutes(15), Duration.ofMinutes(15), 2, 100, Duration.ofSeconds(2));
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
