package org.custody.analytics.salt;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One random salt per UTC day (32 bytes from a CSPRNG), the key of that day's visitor hashes.
 * Only yesterday's, today's and tomorrow's (for views a little ahead of our clock) can be used;
 * {@link #destroyExpired()} deletes every older salt from the store and from memory, after which
 * the hashes made with it can no longer be linked to anyone. A salt thus lives at most 48 hours
 * past the start of its day, plus one sweep interval.
 */
public final class DailySalts {
  /** Salt length in bytes (the issue asks for 16 or more). */
  public static final int SALT_BYTES = 32;

  private final SaltStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<LocalDate, byte[]> cache = new ConcurrentHashMap<>();

  public DailySalts(SaltStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A copy of the salt for views of {@code day}.
   *
   * @throws IllegalArgumentException when the day's salt is (or should be) destroyed or is not
   *     due yet; callers check the ingestion window first
   */
  public byte[] saltFor(LocalDate day) {
    LocalDate today = today();
    if (day.isBefore(today.minusDays(1)) || day.isAfter(today.plusDays(1))) {
      throw new IllegalArgumentException("no salt is kept for that day");
    }
    byte[] salt = cache.computeIfAbsent(day, d -> {
      byte[] candidate = new byte[SALT_BYTES];
      random.nextBytes(candidate);
      return store.getOrCreate(d, candidate, clock.instant());
    });
    // A copy: the cached array is wiped when the salt is destroyed, possibly while in use.
    return salt.clone();
  }

  /**
   * Destroys every salt older than yesterday, in the store and in memory.
   *
   * @return how many stored salts were deleted
   */
  public int destroyExpired() {
    LocalDate oldestKept = today().minusDays(1);
    cache.entrySet().removeIf(entry -> {
      if (entry.getKey().isBefore(oldestKept)) {
        Arrays.fill(entry.getValue(), (byte) 0);
        return true;
      }
      return false;
    });
    return store.deleteBefore(oldestKept);
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
