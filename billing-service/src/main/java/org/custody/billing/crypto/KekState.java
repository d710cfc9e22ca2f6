package org.custody.billing.crypto;

/** The life of a key-encryption-key version. */
public enum KekState {
  /** Wraps (if primary) and unwraps data keys. */
  ENABLED,
  /** Kept but unusable; only a version that wraps no data key can be disabled. */
  DISABLED,
  /** Key material erased; only a disabled version can be destroyed. */
  DESTROYED
}
