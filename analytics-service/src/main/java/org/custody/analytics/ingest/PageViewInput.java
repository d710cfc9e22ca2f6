package org.custody.analytics.ingest;

import java.time.Instant;

/**
 * One page view as received, before reduction. It exists only while its batch is being reduced:
 * the URL is normalised, the referrer cut to its host, and the IP address and user agent only
 * feed the visitor's keyed hash; none of them is stored or logged.
 *
 * @param referrer empty when there is none
 * @param userAgent may be empty
 */
public record PageViewInput(String url, String referrer, Instant viewTime, String ipAddress, String userAgent) {
  /** Never prints the values: a record's default toString would put them in any log it reaches. */
  @Override
  public String toString() {
    return "PageViewInput[redacted]";
  }
}
