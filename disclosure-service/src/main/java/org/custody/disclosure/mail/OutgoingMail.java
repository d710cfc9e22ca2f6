package org.custody.disclosure.mail;

import java.util.Optional;

/**
 * A message to queue.
 *
 * @param topic what it is about, e.g. {@code transfer-notice}; bounded, used as a metric-free label
 * @param reference the resource it concerns, e.g. {@code disclosures/{id}}
 * @param subjectId the addressee's ledger id (never the address), when the addressee is a data subject
 * @param to the address (personal data: kept in the outbox only, never logged or put in the ledger)
 */
public record OutgoingMail(String topic, String reference, Optional<String> subjectId, String to, String subject, String body) {}
