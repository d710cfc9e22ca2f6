package org.custody.disclosure.erasure;

/** Where one service's part of an erasure stands. */
public enum StepState {
  /** Not confirmed yet: retried with backoff. */
  PENDING,
  /** Confirmed: everything erased. */
  DONE,
  /** Confirmed: erased except items kept under a legal obligation (named in the receipt). */
  RETAINED
}
