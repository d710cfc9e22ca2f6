package org.custody.disclosure.consent;

/** How a consent was captured. */
public enum CaptureMethod {
  WEB_FORM,
  SIGNED_DOCUMENT,
  EMAIL,
  SUPPORT_AGENT
}
