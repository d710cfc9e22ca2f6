package org.custody.disclosure.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.custody.disclosure.ledger.Transaction;

/** Persistence of consents; history is never deleted here. */
public interface ConsentStore {
  /** Where a listing page ends: the last consent's grant time and id (newest first). */
  record Cursor(Instant grantTime, String id) {}

  void insert(Transaction tx, Consent consent);

  /** The consent, locked until {@code tx} ends. */
  Optional<Consent> lock(Transaction tx, String id);

  void markRevoked(Transaction tx, String id, Instant time, long ledgerIndex);

  Optional<Consent> find(String id);

  /** A subject's consents, newest first; only those live at {@code liveAt} unless it is empty. */
  List<Consent> list(String subjectKey, Optional<Instant> liveAt, Optional<Cursor> after, int limit);

  /** The consents for {@code recipientId} of any of the subjects that are live at {@code now}. */
  List<Consent> live(Collection<String> subjectKeys, String recipientId, Instant now);
}
