package org.custody.disclosure.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Persistence of consents; history is never deleted here. */
public interface ConsentStore {
  /** Where a listing page ends: the last consent's grant time and id (newest first). */
  record Cursor(Instant grantTime, String id) {}

  void insert(Consent consent);

  /** The consent, locked until the calling thread's transaction ends. */
  Optional<Consent> lock(String id);

  void markRevoked(String id, Instant time, long ledgerIndex);

  Optional<Consent> find(String id);

  /** A subject's consents, newest first; only those live at {@code liveAt} unless it is empty. */
  List<Consent> list(String subjectKey, Optional<Instant> liveAt, Optional<Cursor> after, int limit);

  /** The consents for {@code recipientId} of any of the subjects that are live at {@code now}. */
  List<Consent> live(Collection<String> subjectKeys, String recipientId, Instant now);
}
