package org.custody.billing.subject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.custody.billing.Subject;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.SubjectRecord;
import org.custody.platform.subject.SubjectRef;
import org.custody.platform.subject.SubjectRights;

/**
 * Billing's side of the subject-rights contract (P13). Subjects are accounts; a person known only
 * by e-mail has no billing data, so their export is empty and their erasure has nothing to erase
 * (the receipt then says so, and is not kept).
 */
public final class BillingSubjectRights implements SubjectRights {
  private final BillingDataExport export;
  private final BillingDataErasure erasure;
  private final RandomIds ids;
  private final Clock clock;

  public BillingSubjectRights(BillingDataExport export, BillingDataErasure erasure, RandomIds ids, Clock clock) {
    this.export = export;
    this.erasure = erasure;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public List<SubjectRecord> export(SubjectRef subject, CategoryFilter categories, Optional<String> disclosure) {
    if (subject.accountId().isEmpty()) {
      return List.of();
    }
    return export.export(new Subject(subject.projectId(), subject.accountId().get()), categories);
  }

  @Override
  public ErasureReceipt erase(SubjectRef subject, Optional<String> erasureRequest) {
    if (subject.accountId().isEmpty()) {
      return new ErasureReceipt(ids.nextLong(), erasureRequest, clock.instant(), List.of(), List.of());
    }
    return erasure.erase(new Subject(subject.projectId(), subject.accountId().get()), erasureRequest);
  }
}
