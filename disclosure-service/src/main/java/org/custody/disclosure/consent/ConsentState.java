package org.custody.disclosure.consent;

/** Whether a consent counts at a given time. */
public enum ConsentState {
  ACTIVE,
  REVOKED,
  EXPIRED
}
