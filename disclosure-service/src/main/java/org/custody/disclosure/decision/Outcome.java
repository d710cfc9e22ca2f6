package org.custody.disclosure.decision;

/** The outcome of a decision. */
public enum Outcome {
  ALLOWED,
  DENIED,
  /** A corporate transfer waiting for its notices and notice period (P10). */
  PENDING_NOTICE
}
