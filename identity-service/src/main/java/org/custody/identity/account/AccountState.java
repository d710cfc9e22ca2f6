package org.custody.identity.account;

/** Whether an account can log in. */
public enum AccountState {
  ACTIVE,
  /** Cannot log in; its sessions were ended. */
  DISABLED
}
