package org.custody.disclosure.recipient;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;

/**
 * One version of a recipient.
 *
 * @param nda the non-disclosure agreement, for processors
 * @param controllingEntity for affiliates, the entity controlling both companies
 */
public record Recipient(
    String id,
    long version,
    String displayName,
    RecipientKind kind,
    Set<Purpose> permittedPurposes,
    Set<DataCategory> permittedCategories,
    Optional<Nda> nda,
    Optional<String> controllingEntity,
    Optional<String> noticeEmail,
    Instant updateTime) {

  /** A non-disclosure agreement valid from start to end. */
  public record Nda(String reference, Instant start, Instant end) {
    public boolean validAt(Instant when) {
      return !when.isBefore(start) && when.isBefore(end);
    }
  }
}
