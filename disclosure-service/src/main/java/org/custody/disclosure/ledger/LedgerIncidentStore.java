package org.custody.disclosure.ledger;

import java.time.Instant;
import java.util.Optional;

/** Persistence of ledger incidents: inconsistencies verification found, and their acknowledgement. */
public interface LedgerIncidentStore {
  /** An incident; {@code acknowledged} empty while it is open. */
  record Incident(long id, String failure, long treeSize, Instant detected, Optional<Instant> acknowledged) {}

  /**
   * Records {@code failure} as an open incident unless that same failure (by {@code failureHash})
   * was recorded before, open or acknowledged. Returns the incident either way.
   */
  Incident record(byte[] failureHash, String failure, long treeSize, Instant time);

  /** The oldest open incident, if any. */
  Optional<Incident> oldestOpen();

  Optional<Incident> find(long id);

  /** Within the calling thread's transaction, marks the incident acknowledged; false if it was not open. */
  boolean acknowledge(long id, String caller, String caseReference, Instant time, long ledgerIndex);
}
