package org.custody.disclosure.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * The progress of the e-mail notices about one significant policy version.
 *
 * @param recipientCount the primary account holders listed (0 until listed)
 * @param sentCount messages handed to the mail server at least once
 * @param deliveredCount messages the mail server accepted
 * @param failedCount messages given up after retries, and holders without an address
 * @param acknowledgedCount accounts that acknowledged the version
 * @param listTime when identity listed the holders; empty while it could not be asked
 * @param lastFailure while unlisted, the code of the last listing failure (e.g. {@code LEAF_UNAVAILABLE})
 */
public record NoticeCampaign(
    String versionId,
    long recipientCount,
    long sentCount,
    long deliveredCount,
    long failedCount,
    long acknowledgedCount,
    Instant startTime,
    Optional<Instant> listTime,
    Optional<String> lastFailure) {

  /** {@code policyVersions/{id}/noticeCampaign}. */
  public String name() {
    return "policyVersions/" + versionId + "/noticeCampaign";
  }
}
