package org.custody.disclosure.decision;

import java.util.EnumSet;
import java.util.Set;

/** The policy exception a disclosure is claimed under (P8-P11). */
public enum DisclosureBasis {
  REQUESTED_SERVICE,
  CONSENT,
  ILLEGAL_ACTIVITY,
  SUSPECTED_FRAUD,
  PHYSICAL_SAFETY,
  TERMS_OF_SERVICE,
  REQUIRED_BY_LAW,
  CORPORATE_TRANSACTION,
  NDA_PROCESSOR,
  AFFILIATE;

  /** The P9 exceptions: illegal activity, fraud, safety, Terms of Service, law. */
  public static final Set<DisclosureBasis> INVESTIGATIONS =
      EnumSet.of(ILLEGAL_ACTIVITY, SUSPECTED_FRAUD, PHYSICAL_SAFETY, TERMS_OF_SERVICE, REQUIRED_BY_LAW);
}
