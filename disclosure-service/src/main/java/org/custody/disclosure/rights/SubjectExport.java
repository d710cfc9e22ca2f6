package org.custody.disclosure.rights;

import java.time.Instant;
import java.util.Optional;
import org.custody.platform.subject.Subject;

/**
 * A subject-access export (P13).
 *
 * @param caller who asked (only they, or an operator, may read it back)
 * @param document the JSON document, once completed (personal data: deleted after the export
 *     retention period and when the subject is erased)
 * @param ledgerIndex the ledger entry of the release to the subject
 */
public record SubjectExport(
    String id,
    String caller,
    Subject subject,
    ExportState state,
    Optional<String> failure,
    Optional<String> document,
    Instant createTime,
    Optional<Instant> releaseTime,
    Optional<Long> ledgerIndex) {

  /** {@code exports/{id}}. */
  public String name() {
    return "exports/" + id;
  }
}
