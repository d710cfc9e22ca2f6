package org.custody.disclosure.decision;

import java.util.List;
import java.util.Set;
import org.custody.platform.classification.DataCategory;

/**
 * What the rules decided.
 *
 * @param allowedCategories what may be released: possibly fewer than asked (minimisation), empty unless ALLOWED
 * @param rule the rule that decided, named after its policy clause, e.g. {@code P7_NO_COMMERCIAL_USE}
 * @param reason for humans; no personal data
 * @param subjects per named subject, in request order
 */
public record Decision(Outcome outcome, Set<DataCategory> allowedCategories, String rule, String reason, List<SubjectDecision> subjects) {
  public Decision {
    allowedCategories = Set.copyOf(allowedCategories);
    subjects = List.copyOf(subjects);
  }
}
