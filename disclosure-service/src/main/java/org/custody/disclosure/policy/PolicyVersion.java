package org.custody.disclosure.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One published version of the privacy policy (P14); immutable once published.
 *
 * @param id the version id, e.g. {@code 2026-12-01}
 * @param text the full text, for an inline version
 * @param url where the text is published, for an external version
 * @param contentSha256 SHA-256 of the text, lowercase hex (computed for an inline text, as given for an external one)
 * @param significant whether the change is notified by e-mail and a prominent notice
 * @param summary a short summary of the change, used in notices
 * @param ledgerIndex the ledger entry of the publication
 */
public record PolicyVersion(
    String id,
    Optional<String> text,
    Optional<String> url,
    String contentSha256,
    LocalDate effectiveDate,
    boolean significant,
    String summary,
    Instant publishTime,
    long ledgerIndex) {

  public PolicyVersion {
    if (text.isPresent() == url.isPresent()) {
      throw new IllegalArgumentException("a policy version has exactly one of text or url");
    }
  }

  /** {@code policyVersions/{id}}. */
  public String name() {
    return "policyVersions/" + id;
  }

  /** Whether {@code other} says the same (everything but the publication's time and ledger entry). */
  public boolean sameContentAs(PolicyVersion other) {
    return id.equals(other.id) && text.equals(other.text) && url.equals(other.url) && contentSha256.equals(other.contentSha256)
        && effectiveDate.equals(other.effectiveDate) && significant == other.significant && summary.equals(other.summary);
  }

  PolicyVersion published(Instant time, long index) {
    return new PolicyVersion(id, text, url, contentSha256, effectiveDate, significant, summary, time, index);
  }
}
