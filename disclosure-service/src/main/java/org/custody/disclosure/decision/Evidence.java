package org.custody.disclosure.decision;

import java.util.Optional;

/**
 * What supports a claimed basis. References, not personal data.
 *
 * @param caseReference the case, warrant or ticket reference
 * @param authority the court or agency that asks
 * @param requestReference the subject's own request (requested-service basis)
 */
public record Evidence(Optional<String> caseReference, Optional<String> authority, Optional<String> requestReference) {
  public static Evidence none() {
    return new Evidence(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
