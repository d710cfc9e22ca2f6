package org.custody.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a channel retries: calls that fail with {@code UNAVAILABLE} (a service restarting, its
 * database away) are retried with exponential backoff, as a gRPC service config, so the library
 * re-sends the very same request message. Every Custody mutation carries a {@code request_id}
 * (AIP-155): the retry reuses it, and the service answers a retry with the first result instead of
 * applying it twice. Create the id once per logical operation ({@link RequestIds#newId()}), never
 * per attempt.
 *
 * @param maxAttempts attempts in all, the first included (gRPC caps this at 5)
 * @param initialBackoff the first wait; later waits grow by {@code multiplier} up to {@code maxBackoff}
 * @param maxBackoff the longest wait between two attempts
 * @param multiplier backoff growth
 * @param timeout each call's deadline when the call sets none (a call's own deadline may be longer)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier, Duration timeout) {

  /** 4 attempts, 200 ms growing ×2 up to 2 s, 15 s deadline. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2), 2.0, Duration.ofSeconds(15));
  }

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 5) {
      throw new IllegalArgumentException("maxAttempts must be 1..5");
    }
  }

  /** The service config applying to every method (an empty name matches all of them). */
  public Map<String, ?> serviceConfig() {
    Map<String, Object> retry = Map.of(
        "maxAttempts", (double) maxAttempts,
        "initialBackoff", seconds(initialBackoff),
        "maxBackoff", seconds(maxBackoff),
        "backoffMultiplier", multiplier,
        "retryableStatusCodes", List.of("UNAVAILABLE"));
    Map<String, Object> methodConfig = Map.of(
        "name", List.of(Map.of()),
        "retryPolicy", retry);
    return Map.of("methodConfig", List.of(methodConfig));
  }

  private static String seconds(Duration d) {
    return d.toMillis() / 1000.0 + "s";
  }
}
