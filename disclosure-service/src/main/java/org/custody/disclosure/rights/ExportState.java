package org.custody.disclosure.rights;

/** Where a subject export stands. */
public enum ExportState {
  /** Recorded; the services are being asked. */
  REQUESTED,
  /** The document was produced and its release to the subject recorded in the ledger. */
  COMPLETED,
  /** A service could not answer; no document was produced. */
  FAILED
}
