package org.custody.disclosure.recipient;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.disclosure.ledger.LedgerText;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;

/**
 * One version of a recipient (P11): what it is, what it may receive and why.
 *
 * @param nda the non-disclosure agreement, for processors
 * @param controllingEntity for affiliates, the entity controlling both companies
 * @param noticeEmail the organisation's address for notices (erasure notices); not personal data
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

  public Recipient {
    permittedPurposes = Set.copyOf(permittedPurposes);
    permittedCategories = Set.copyOf(permittedCategories);
  }

  /** {@code recipients/{id}}. */
  public String name() {
    return "recipients/" + id;
  }

  /** A non-disclosure agreement valid from start (inclusive) to end (exclusive). */
  public record Nda(String reference, Instant start, Instant end) {
    public boolean validAt(Instant when) {
      return !when.isBefore(start) && when.isBefore(end);
    }
  }

  public boolean ndaValidAt(Instant when) {
    return nda.map(n -> n.validAt(when)).orElse(false);
  }

  Recipient withVersion(long newVersion, Instant time) {
    return new Recipient(id, newVersion, displayName, kind, permittedPurposes, permittedCategories, nda, controllingEntity,
        noticeEmail, time);
  }

  /**
   * What the ledger records of this version: everything that decisions depend on, in ids and
   * codes, and commitments to the NDA reference and the controlling entity.
   */
  Map<String, Object> ledgerBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("recipient", name());
    body.put("version", version);
    body.put("kind", kind.name());
    body.put("purposes", permittedPurposes.stream().map(Enum::name).sorted().toList());
    body.put("categories", permittedCategories.stream().map(Enum::name).sorted().toList());
    // Free text only as commitments (rare administrative writes: computed where the body is built).
    nda.ifPresent(n -> body.put("nda", Map.of("reference", LedgerText.about(n.reference()), "start", n.start().toString(),
        "end", n.end().toString())));
    controllingEntity.ifPresent(c -> body.put("controllingEntity", LedgerText.about(c)));
    return body;
  }
}
