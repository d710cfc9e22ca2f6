package org.custody.billing.subject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.custody.platform.api.AccountName;
import org.custody.platform.domain.RandomIds;
import org.custody.platform.subject.CategoryFilter;
import org.custody.platform.subject.ErasureReceipt;
import org.custody.platform.subject.Subject;
import org.custody.platform.subject.SubjectRecord;
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
  public List<SubjectRecord> export(Subject subject, CategoryFilter categories, Optional<String> disclosure) {
    Optional<AccountName> account = subject.accountName();
    if (account.isEmpty()) {
      return List.of();
    }
    return export.export(account.get(), categories);
  }

  @Override
  public ErasureReceipt erase(Subject subject, Optional<String> erasureRequest) {
    Optional<AccountName> account = subject.accountName();
    if (account.isEmpty()) {
      return new ErasureReceipt(ids.nextLong(), erasureRequest, clock.instant(), List.of(), List.of());
    }
    return erasure.erase(account.get(), erasureRequest);
  }
}
