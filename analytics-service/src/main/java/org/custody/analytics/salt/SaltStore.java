package org.custody.analytics.salt;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Persistence of the daily salts; shared by every replica of the service. */
public interface SaltStore {
  /**
   * The salt of {@code day}: the stored one if any, else {@code candidate} after storing it.
   * Concurrent callers (other replicas) all get the same salt.
   */
  byte[] getOrCreate(LocalDate day, byte[] candidate, Instant now);

  /** Deletes the salts of days before {@code day}; returns how many. */
  int deleteBefore(LocalDate day);

  /** The days that still have a salt. */
  List<LocalDate> days();
}
