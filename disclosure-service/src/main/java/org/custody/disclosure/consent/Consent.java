package org.custody.disclosure.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.Subject;

/**
 * A subject's permission (P8) for one recipient, some purposes and some categories, with how and
 * under which policy version it was given. Revoked and expired consents are kept (history).
 *
 * @param policyVersion the policy version shown when the consent was given
 * @param captureReference the capture evidence (form submission id, document id)
 */
public record Consent(
    String id,
    Subject subject,
    String recipientId,
    Set<Purpose> purposes,
    Set<DataCategory> categories,
    Optional<Instant> expireTime,
    String policyVersion,
    CaptureMethod captureMethod,
    Optional<String> captureReference,
    Instant grantTime,
    Optional<Instant> revokeTime,
    long grantLedgerIndex,
    Optional<Long> revokeLedgerIndex) {

  public Consent {
    purposes = Set.copyOf(purposes);
    categories = Set.copyOf(categories);
  }

  /** {@code consents/{id}}. */
  public String name() {
    return "consents/" + id;
  }

  public ConsentState stateAt(Instant now) {
    if (revokeTime.isPresent()) {
      return ConsentState.REVOKED;
    }
    return expireTime.filter(expiry -> !now.isBefore(expiry)).isPresent() ? ConsentState.EXPIRED : ConsentState.ACTIVE;
  }

  /** Whether this consent, live at {@code now}, covers the recipient, the purpose and every category. */
  public boolean covers(String recipient, Purpose purpose, Collection<DataCategory> wanted, Instant now) {
    return stateAt(now) == ConsentState.ACTIVE && recipientId.equals(recipient) && purposes.contains(purpose)
        && categories.containsAll(wanted);
  }

  Consent revoked(Instant time, long ledgerIndex) {
    return new Consent(id, subject, recipientId, purposes, categories, expireTime, policyVersion, captureMethod, captureReference,
        grantTime, Optional.of(time), grantLedgerIndex, Optional.of(ledgerIndex));
  }

  Consent granted(String newId, Instant time, long ledgerIndex) {
    return new Consent(newId, subject, recipientId, purposes, categories, expireTime, policyVersion, captureMethod, captureReference,
        time, Optional.empty(), ledgerIndex, Optional.empty());
  }
}
