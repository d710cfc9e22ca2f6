package org.custody.disclosure.recipient;

/** The fields an update may change; the kind is fixed at registration. */
public enum RecipientField {
  DISPLAY_NAME,
  PERMITTED_PURPOSES,
  PERMITTED_CATEGORIES,
  NDA,
  CONTROLLING_ENTITY,
  NOTICE_EMAIL
}
