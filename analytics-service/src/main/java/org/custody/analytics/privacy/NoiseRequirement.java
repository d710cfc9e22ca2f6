package org.custody.analytics.privacy;

import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;

/**
 * P6: answers for the RESEARCH purpose carry noise. An exact (suppressed-only) query made for
 * research is refused with PERMISSION_DENIED, reason {@value #REASON}.
 */
public final class NoiseRequirement {
  public static final String REASON = "NOISY_MODE_REQUIRED";

  private NoiseRequirement() {}

  public static void check(Purpose purpose, boolean noisy) {
    if (purpose == Purpose.RESEARCH && !noisy) {
      throw DomainException.of(ErrorKind.PERMISSION_DENIED, REASON,
          "queries for the RESEARCH purpose must use noisy mode: set epsilon > 0");
    }
  }
}
