package org.custody.identity.session;

import java.time.Duration;

/**
 * Session rules (P12).
 *
 * @param idleTimeout a session unused this long ends
 * @param absoluteLifetime a session ends this long after login, however active (never extended)
 * @param activityInterval activity is written to the database at most once per this interval per session
 * @param cacheTtl how long a validated session is served from memory before it is re-read in the
 *     background (served at most twice this long without a successful re-read); bounds how late
 *     another instance sees a revocation, while the revoking instance sees it at once
 * @param cacheMaxEntries the most sessions kept in memory
 * @param cookieName the session cookie's name
 */
public record SessionSettings(Duration idleTimeout, Duration absoluteLifetime, Duration activityInterval,
    Duration cacheTtl, int cacheMaxEntries, String cookieName) {

  public SessionSettings {
    if (idleTimeout.compareTo(absoluteLifetime) > 0) {
      throw new IllegalArgumentException("the idle timeout cannot exceed the absolute lifetime");
    }
    if (!SessionCookie.validName(cookieName)) {
      throw new IllegalArgumentException("the cookie name must be an RFC 6265 token");
    }
  }

  /** The defaults: 30 minutes idle, 12 hours absolute, activity once a minute, 5 s cache. */
  public static SessionSettings defaults() {
    return new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(1),
        Duration.ofSeconds(5), 100_000, "__Host-session");
  }
}
