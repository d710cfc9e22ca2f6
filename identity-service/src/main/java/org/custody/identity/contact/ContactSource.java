package org.custody.identity.contact;

/** How a person reached the company (P1). */
public enum ContactSource {
  /** Wrote an e-mail. */
  EMAIL,
  /** Created an account (or changed its e-mail to this one). */
  ACCOUNT,
  /** Posted a topic. */
  TOPIC
}
