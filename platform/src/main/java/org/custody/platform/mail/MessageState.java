package org.custody.platform.mail;

/** Where an outbox message stands. */
public enum MessageState {
  /** Queued, not yet tried. */
  PENDING,
  /** Accepted by the mail server. */
  DELIVERED,
  /** The last attempt failed; retried while {@code nextAttemptTime} is set, given up otherwise. */
  FAILED
}
