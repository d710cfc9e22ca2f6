package org.custody.analytics.budget;

import java.time.LocalDate;

/** A project's differential-privacy budget for one UTC day. */
public record PrivacyBudget(String projectId, LocalDate date, double totalEpsilon, double spentEpsilon) {
  public double remainingEpsilon() {
    return Math.max(0, totalEpsilon - spentEpsilon);
  }
}
