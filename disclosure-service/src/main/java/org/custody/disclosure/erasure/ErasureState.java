package org.custody.disclosure.erasure;

/** Where an erasure saga stands. */
public enum ErasureState {
  /** Recorded; services are being asked. */
  IN_PROGRESS,
  /** Every service confirmed; recipients and the subject were notified. */
  COMPLETED
}
