package org.custody.disclosure.decision;

/** What the recipient will do with the data; the commercial ones are never allowed (P7). */
public enum RecipientUse {
  SERVICE_DELIVERY,
  LEGAL_PROCESS,
  BUSINESS_CONTINUITY,
  SALE,
  MARKETING,
  OTHER_COMMERCIAL;

  public boolean commercial() {
    return this == SALE || this == MARKETING || this == OTHER_COMMERCIAL;
  }
}
