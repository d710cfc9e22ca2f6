package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.STAFF_ACCESSES;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.custody.disclosure.staffaccess.RecordedAccess;
import org.custody.disclosure.staffaccess.StaffAccessStore;
import org.custody.disclosure.store.generated.tables.records.StaffAccessesRecord;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.jooq.DSLContext;

final class JooqStaffAccessStore implements StaffAccessStore {
  private static final RowShape ROWS = RowShape.of(STAFF_ACCESSES, 1000, STAFF_ACCESSES.LEDGER_INDEX, STAFF_ACCESSES.SUBJECT_ID,
      STAFF_ACCESSES.CALLER, STAFF_ACCESSES.METHOD, STAFF_ACCESSES.PURPOSE, STAFF_ACCESSES.CATEGORIES, STAFF_ACCESSES.ACCESS_TIME);
  private final StoreContext db;

  JooqStaffAccessStore(StoreContext db) {
    this.db = db;
  }

  @Override
  public void insert(RecordedAccess access) {
    // Written by the ledger's one writer thread with the entry: deferred, so a group commit sends
    // one multi-row INSERT for all its accesses instead of a round trip each.
    db.deferRow(ROWS, access.ledgerIndex(), access.subjectId(), access.caller(), access.method(),
        access.purpose().name(), access.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), access.time());
  }

  @Override
  public List<RecordedAccess> forSubject(String subjectId, long afterIndex, int limit) {
    return db.dsl().selectFrom(STAFF_ACCESSES)
        .where(STAFF_ACCESSES.SUBJECT_ID.eq(subjectId), STAFF_ACCESSES.LEDGER_INDEX.gt(afterIndex))
        .orderBy(STAFF_ACCESSES.LEDGER_INDEX)
        .limit(limit)
        .fetch(JooqStaffAccessStore::toAccess);
  }

  @Override
  public int deleteBefore(Instant cutoff) {
    return db.dsl().deleteFrom(STAFF_ACCESSES).where(STAFF_ACCESSES.ACCESS_TIME.lt(cutoff)).execute();
  }

  private static RecordedAccess toAccess(StaffAccessesRecord r) {
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    Arrays.stream(r.getCategories().split(",")).filter(s -> !s.isEmpty()).map(DataCategory::valueOf).forEach(categories::add);
    return new RecordedAccess(r.getLedgerIndex(), r.getSubjectId(), r.getCaller(), r.getMethod(), Purpose.valueOf(r.getPurpose()),
        categories, r.getAccessTime());
  }
}
