package org.custody.disclosure.staffaccess;

import java.time.Instant;
import java.util.Set;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;

/**
 * A staff read as recorded: its ledger entry's index and time, and what the entry says (the
 * subject by ledger id, caller, method, purpose, categories).
 */
public record RecordedAccess(long ledgerIndex, String subjectId, String caller, String method, Purpose purpose,
    Set<DataCategory> categories, Instant time) {
  public RecordedAccess {
    categories = Set.copyOf(categories);
  }
}
