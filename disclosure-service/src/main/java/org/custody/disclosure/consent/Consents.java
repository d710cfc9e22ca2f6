package org.custody.disclosure.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.subject.SubjectPseudonyms;
import org.custody.platform.errors.DomainException;
import org.custody.platform.subject.Subject;

/**
 * Subjects' consents (P8): granted, revoked and listed with their history; each grant and
 * revocation is a ledger entry. Decisions on the consent basis ask {@link ConsentStore#live}.
 */
public final class Consents {
  private final ConsentStore store;
  private final Recipients recipients;
  private final SubjectPseudonyms pseudonyms;
  private final Ledger ledger;
  private final Clock clock;

  public Consents(ConsentStore store, Recipients recipients, SubjectPseudonyms pseudonyms, Ledger ledger, Clock clock) {
    this.store = store;
    this.recipients = recipients;
    this.pseudonyms = pseudonyms;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** Records {@code draft} (its id, times and ledger indexes are assigned here). */
  public Consent grant(Consent draft) {
    recipients.get(draft.recipientId());
    Instant now = clock.instant();
    if (draft.expireTime().filter(expiry -> !expiry.isAfter(now)).isPresent()) {
      throw DomainException.invalidField("expire_time", "must be in the future");
    }
    if (draft.policyVersion().indexOf('@') >= 0) {
      // It goes into the ledger verbatim, where no address may appear.
      throw DomainException.invalidField("policy_version", "must be a version name, not an address");
    }
    String subjectId = pseudonyms.ledgerIds(List.of(draft.subject())).get(draft.subject());
    String id = UUID.randomUUID().toString();
    return ledger.write(batch -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("consent", "consents/" + id);
      body.put("subject", subjectId);
      body.put("recipient", "recipients/" + draft.recipientId());
      body.put("purposes", draft.purposes().stream().map(Enum::name).sorted().toList());
      body.put("categories", draft.categories().stream().map(Enum::name).sorted().toList());
      draft.expireTime().ifPresent(expiry -> body.put("expireTime", expiry.toString()));
      body.put("policyVersion", draft.policyVersion());
      body.put("captureMethod", draft.captureMethod().name());
      long index = batch.append("consent.granted", body);
      Consent consent = draft.granted(id, batch.time(), index);
      store.insert(batch.tx(), consent);
      return consent;
    });
  }

  /** Revokes a consent; revoking a revoked consent returns it unchanged (no new entry). */
  public Consent revoke(String id) {
    Consent current = get(id);
    if (current.revokeTime().isPresent()) {
      return current;
    }
    String subjectId = pseudonyms.ledgerIds(List.of(current.subject())).get(current.subject());
    return ledger.write(batch -> {
      Consent locked = store.lock(batch.tx(), id).orElseThrow(() -> DomainException.notFound("consent"));
      if (locked.revokeTime().isPresent()) {
        return locked;
      }
      long index = batch.append("consent.revoked", Map.of("consent", locked.name(), "subject", subjectId,
          "recipient", "recipients/" + locked.recipientId()));
      store.markRevoked(batch.tx(), id, batch.time(), index);
      return locked.revoked(batch.time(), index);
    });
  }

  public Consent get(String id) {
    return store.find(id).orElseThrow(() -> DomainException.notFound("consent"));
  }

  /** A page of a subject's consents, newest first. */
  public List<Consent> list(Subject subject, boolean includeInactive, Optional<ConsentStore.Cursor> after, int limit) {
    return store.list(subject.key(), includeInactive ? Optional.empty() : Optional.of(clock.instant()), after, limit);
  }
}
