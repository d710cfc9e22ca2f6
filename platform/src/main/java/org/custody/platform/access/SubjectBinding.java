package org.custody.platform.access;

import java.util.Optional;

/**
 * How a method that reads or changes one subject's personal data is tied to that subject when a
 * caller acting for a signed-in person ({@link #BOUND_CALLERS}) calls it: the call must carry the
 * person's session ({@code x-custody-session}) and the session's account must be the subject the
 * request names. Declared per method in the access policy:
 *
 * <pre>
 *   custody.billing.v1.BillingService/GetBillingProfile:
 *     frontend: [BILLING]
 *     subject: name                                  # the field naming the subject (resource name)
 *   custody.analytics.v1.SurveyService/SubmitSurveyResponse:
 *     frontend: [SERVICE_IMPROVEMENT]
 *     subject: {field: respondent, optional: true}   # bound only when the field is set
 *   custody.disclosure.v1.SubjectRightsService/CreateExport:
 *     frontend: [SUBJECT_REQUEST]
 *     subject: {checked_by: service}                 # the service checks the session itself
 * </pre>
 *
 * @param field dotted path of the string field naming the subject's account (or a resource
 *     under it); empty when the service checks the session itself
 * @param optional when the field is empty the request names nobody and is not bound (anonymous
 *     survey answers); otherwise an empty field is a mismatch
 */
public record SubjectBinding(Optional<String> field, boolean optional) {
  /**
   * The callers that act for a signed-in person and must prove it. Staff callers (helpdesk,
   * operator) keep their policy-based access; the disclosure service is bound by its own checks.
   */
  public static final java.util.Set<String> BOUND_CALLERS = java.util.Set.of("frontend");

  public static SubjectBinding onField(String field) {
    return new SubjectBinding(Optional.of(field), false);
  }

  /** Bound, but checked by the service itself (it has its own, stricter rule). */
  public static SubjectBinding checkedByService() {
    return new SubjectBinding(Optional.empty(), false);
  }

  public boolean checkedByPlatform() {
    return field.isPresent();
  }

  /** For the data map and the README: how the method is bound. */
  public String describe() {
    return field.map(f -> "session of `" + f + "`" + (optional ? " (when set)" : "")).orElse("session checked by the service");
  }
}
