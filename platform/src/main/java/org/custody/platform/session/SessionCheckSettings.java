package org.custody.platform.session;

import java.time.Duration;
import org.custody.platform.config.EnvReader;

/**
 * Where a leaf asks whose a session is, and how long it trusts an answer.
 *
 * @param identityTarget identity's gRPC address: CUSTODY_IDENTITY_TARGET
 * @param cacheTtl how long an answer is reused (bounds how late a revocation is seen):
 *     CUSTODY_SESSION_CACHE_TTL, the same name and default as identity's own cache
 * @param callTimeout the deadline of one ValidateSession call: CUSTODY_IDENTITY_CALL_TIMEOUT
 */
public record SessionCheckSettings(String identityTarget, Duration cacheTtl, Duration callTimeout) {
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(5);
  /** Sessions remembered at most; beyond that expired answers are dropped, then all. */
  static final int CACHE_ENTRIES = 100_000;

  public static SessionCheckSettings defaults() {
    return new SessionCheckSettings("localhost:7001", DEFAULT_CACHE_TTL, Duration.ofSeconds(2));
  }

  public static SessionCheckSettings from(EnvReader env) {
    return new SessionCheckSettings(
        env.string("CUSTODY_IDENTITY_TARGET", "localhost:7001"),
        env.duration("CUSTODY_SESSION_CACHE_TTL", DEFAULT_CACHE_TTL, Duration.ZERO, Duration.ofMinutes(1)),
        env.duration("CUSTODY_IDENTITY_CALL_TIMEOUT", Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMinutes(1)));
  }
}
