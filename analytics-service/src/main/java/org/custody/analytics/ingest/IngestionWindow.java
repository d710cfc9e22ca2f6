package org.custody.analytics.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which view timestamps are accepted: not later than now plus the allowed clock skew, not
 * earlier than now minus the maximum age. The maximum age is at most 24 hours, so a view's day
 * is never older than yesterday and its salt still exists.
 */
public final class IngestionWindow {
  /** The longest maximum age: beyond it, the view's daily salt may be destroyed. */
  public static final Duration LONGEST_MAX_AGE = Duration.ofHours(24);

  private final Clock clock;
  private final Duration maxAge;
  private final Duration maxSkew;

  public IngestionWindow(Clock clock, Duration maxAge, Duration maxSkew) {
    if (maxAge.isNegative() || maxAge.compareTo(LONGEST_MAX_AGE) > 0) {
      throw new IllegalArgumentException("the maximum view age must be between 0 and 24 hours");
    }
    if (maxSkew.isNegative() || maxSkew.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("the clock skew allowance must be between 0 and 1 hour");
    }
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxSkew = maxSkew;
  }

  /** Why the timestamp is refused, or empty when it is accepted. */
  public Optional<String> problem(Instant viewTime, Instant now) {
    if (viewTime.isAfter(now.plus(maxSkew))) {
      return Optional.of("must not be more than " + maxSkew.toSeconds() + " seconds in the future");
    }
    if (viewTime.isBefore(now.minus(maxAge))) {
      return Optional.of("must not be older than " + maxAge.toMinutes() + " minutes");
    }
    return Optional.empty();
  }

  public Instant now() {
    return clock.instant();
  }
}
