package org.custody.disclosure.ledger;

/** Told how far a full verification has come: after each page of entries read for checking. */
@FunctionalInterface
public interface VerificationProgress {
  /** Ignores progress. */
  VerificationProgress NONE = (checked, total) -> { };

  /**
   * @param checked entries handed to the verifier so far
   * @param total entries the verification covers
   */
  void checked(long checked, long total);
}
