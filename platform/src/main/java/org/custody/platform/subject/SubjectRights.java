package org.custody.platform.subject;

import java.util.List;
import java.util.Optional;

/**
 * What a leaf service does for the subject-rights contract (P13,
 * {@code custody.common.v1.SubjectDataService}): export everything it holds about a subject,
 * labelled by category, and erase it. The platform's
 * {@link org.custody.platform.subject.api.SubjectDataGrpcService} parses and checks the requests,
 * makes erasure idempotent and maps the answers; a service implements only this port.
 */
public interface SubjectRights {
  /**
   * The subject's records, each value labelled; only values the filter includes (a record left
   * with no value and no shown name is left out).
   *
   * @param disclosure the approved disclosure ({@code disclosures/{id}}) this export serves, if any
   */
  List<SubjectRecord> export(Subject subject, CategoryFilter categories, Optional<String> disclosure);

  /**
   * Erases the subject, keeping only what a legal obligation requires (named in the receipt).
   * Erasing what is already gone is fine.
   *
   * @param erasure the orchestrator's erasure request ({@code erasures/{id}}), if named
   */
  ErasureReceipt erase(Subject subject, Optional<String> erasure);
}
