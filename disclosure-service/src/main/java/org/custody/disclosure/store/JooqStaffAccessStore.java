package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.STAFF_ACCESSES;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.custody.disclosure.ledger.Transaction;
import org.custody.disclosure.staffaccess.RecordedAccess;
import org.custody.disclosure.staffaccess.StaffAccessStore;
import org.custody.disclosure.store.generated.tables.records.StaffAccessesRecord;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;
import org.jooq.DSLContext;

final class JooqStaffAccessStore implements StaffAccessStore {
  private final DSLContext dsl;

  JooqStaffAccessStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void insert(Transaction tx, RecordedAccess access) {
    JooqTransaction.dsl(tx).insertInto(STAFF_ACCESSES)
        .set(STAFF_ACCESSES.LEDGER_INDEX, access.ledgerIndex())
        .set(STAFF_ACCESSES.SUBJECT_ID, access.subjectId())
        .set(STAFF_ACCESSES.CALLER, access.caller())
        .set(STAFF_ACCESSES.METHOD, access.method())
        .set(STAFF_ACCESSES.PURPOSE, access.purpose().name())
        .set(STAFF_ACCESSES.CATEGORIES, access.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
        .set(STAFF_ACCESSES.ACCESS_TIME, access.time())
        .execute();
  }

  @Override
  public List<RecordedAccess> forSubject(String subjectId, long afterIndex, int limit) {
    return dsl.selectFrom(STAFF_ACCESSES)
        .where(STAFF_ACCESSES.SUBJECT_ID.eq(subjectId), STAFF_ACCESSES.LEDGER_INDEX.gt(afterIndex))
        .orderBy(STAFF_ACCESSES.LEDGER_INDEX)
        .limit(limit)
        .fetch(JooqStaffAccessStore::toAccess);
  }

  @Override
  public int deleteBefore(Instant cutoff) {
    return dsl.deleteFrom(STAFF_ACCESSES).where(STAFF_ACCESSES.ACCESS_TIME.lt(cutoff)).execute();
  }

  private static RecordedAccess toAccess(StaffAccessesRecord r) {
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    Arrays.stream(r.getCategories().split(",")).filter(s -> !s.isEmpty()).map(DataCategory::valueOf).forEach(categories::add);
    return new RecordedAccess(r.getLedgerIndex(), r.getSubjectId(), r.getCaller(), r.getMethod(), Purpose.valueOf(r.getPurpose()),
        categories, r.getAccessTime());
  }
}
