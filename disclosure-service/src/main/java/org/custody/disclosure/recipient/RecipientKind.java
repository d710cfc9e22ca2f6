package org.custody.disclosure.recipient;

/** What kind of organisation a recipient is; the decision rules depend on it. */
public enum RecipientKind {
  PROCESSOR_UNDER_NDA,
  AFFILIATE,
  PUBLIC_AUTHORITY,
  ACQUIRER,
  SERVICE_PARTNER,
  DATA_SUBJECT,
  COMMERCIAL_ORGANISATION
}
