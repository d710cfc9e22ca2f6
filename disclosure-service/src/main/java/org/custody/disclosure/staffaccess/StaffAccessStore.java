package org.custody.disclosure.staffaccess;

import java.time.Instant;
import java.util.List;

/** The index of staff access entries by subject (the entries themselves are in the ledger). */
public interface StaffAccessStore {
  void insert(RecordedAccess access);

  /** The subject's recorded accesses after {@code afterIndex} (-1: from the first), oldest first. */
  List<RecordedAccess> forSubject(String subjectId, long afterIndex, int limit);

  /** Deletes the rows of accesses before {@code cutoff}; returns how many. */
  int deleteBefore(Instant cutoff);
}
