package org.custody.disclosure.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.platform.subject.Subject;

/**
 * An erasure request (P13) and its progress.
 *
 * @param project {@code projects/{project}}
 * @param subject whose data; for a subject known only by e-mail, empty once completed (the
 *     address is not kept after the erasure)
 * @param subjectLedgerId how the ledger names the subject (an account name or a pseudonym)
 * @param steps one per service, in the order they are asked: identity, billing, analytics, disclosure
 * @param notifiedRecipients {@code recipients/{id}} told of the erasure (GDPR Art. 19)
 * @param ledgerIndex the {@code erasure.requested} entry
 * @param completeLedgerIndex the {@code erasure.completed} entry
 */
public record Erasure(
    String id,
    String project,
    Optional<Subject> subject,
    String subjectLedgerId,
    ErasureState state,
    List<ErasureStep> steps,
    List<String> notifiedRecipients,
    Instant createTime,
    Optional<Instant> completeTime,
    long ledgerIndex,
    Optional<Long> completeLedgerIndex) {

  public Erasure {
    steps = List.copyOf(steps);
    notifiedRecipients = List.copyOf(notifiedRecipients);
  }

  /** {@code erasures/{id}}. */
  public String name() {
    return "erasures/" + id;
  }

  public Optional<ErasureStep> step(String service) {
    return steps.stream().filter(s -> s.service().equals(service)).findFirst();
  }
}
