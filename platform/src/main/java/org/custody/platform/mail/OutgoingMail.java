package org.custody.platform.mail;

import java.util.Optional;

/**
 * A message to queue.
 *
 * @param topic what it is about, e.g. {@code transfer-notice}; bounded, used as a metric-free label
 * @param reference the resource it concerns, e.g. {@code disclosures/{id}}
 * @param subjectId the addressee's ledger id (never the address), when the addressee is a data subject
 * @param to the address (personal data: kept in the outbox only, never logged or put in the ledger)
 * @param carriesSecret the text holds a secret (a recovery or verification token): it is blanked as
 *     soon as the message is delivered or given up, not only after the retention period
 */
public record OutgoingMail(String topic, String reference, Optional<String> subjectId, String to, String subject, String body,
    boolean carriesSecret) {

  /** A message whose text holds no secret. */
  public OutgoingMail(String topic, String reference, Optional<String> subjectId, String to, String subject, String body) {
    this(topic, reference, subjectId, to, subject, body, false);
  }

  @Override
  public String toString() {
    return "OutgoingMail[" + topic + ", " + reference + "]"; // never the address or text
  }
}
