package org.custody.billing.keys;

/** Where a rewrap job is. */
public enum RewrapJobState {
  RUNNING,
  SUCCEEDED,
  /** A data key did not unwrap; the job stopped and the key stays under its version. */
  FAILED
}
