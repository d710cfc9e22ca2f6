package org.custody.analytics.subject;

import java.time.Instant;
import java.util.Optional;

/**
 * What an erasure did.
 *
 * @param erasure the erasure request it answers, when named
 * @param surveyResponsesErased how many survey responses were deleted
 */
public record ErasureReceipt(String receiptId, Optional<String> erasure, Instant eraseTime, long surveyResponsesErased) {
  /** The kind of item erased, as named in receipts and exports. */
  public static final String SURVEY_RESPONSE = "survey_response";
}
