package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.LEDGER_INCIDENTS;

import java.time.Instant;
import java.util.Optional;
import org.custody.disclosure.ledger.LedgerIncidentStore;
import org.custody.disclosure.store.generated.tables.records.LedgerIncidentsRecord;
import org.jooq.DSLContext;

final class JooqLedgerIncidentStore implements LedgerIncidentStore {
  private final StoreContext db;

  JooqLedgerIncidentStore(StoreContext db) {
    this.db = db;
  }

  @Override
  public Incident record(byte[] failureHash, String failure, long treeSize, Instant time) {
    // Found concurrently by two instances: one row, by the unique failure hash.
    db.dsl().insertInto(LEDGER_INCIDENTS)
        .set(LEDGER_INCIDENTS.FAILURE_HASH, failureHash)
        .set(LEDGER_INCIDENTS.FAILURE, failure)
        .set(LEDGER_INCIDENTS.TREE_SIZE, treeSize)
        .set(LEDGER_INCIDENTS.DETECT_TIME, time)
        .onDuplicateKeyIgnore()
        .execute();
    return toIncident(db.dsl().selectFrom(LEDGER_INCIDENTS).where(LEDGER_INCIDENTS.FAILURE_HASH.eq(failureHash)).fetchSingle());
  }

  @Override
  public Optional<Incident> oldestOpen() {
    return db.dsl().selectFrom(LEDGER_INCIDENTS).where(LEDGER_INCIDENTS.ACKNOWLEDGE_TIME.isNull())
        .orderBy(LEDGER_INCIDENTS.ID).limit(1).fetchOptional().map(JooqLedgerIncidentStore::toIncident);
  }

  @Override
  public Optional<Incident> find(long id) {
    return db.dsl().selectFrom(LEDGER_INCIDENTS).where(LEDGER_INCIDENTS.ID.eq(id)).fetchOptional().map(JooqLedgerIncidentStore::toIncident);
  }

  @Override
  public boolean acknowledge(long id, String caller, String caseReference, Instant time, long ledgerIndex) {
    return db.dsl().update(LEDGER_INCIDENTS)
        .set(LEDGER_INCIDENTS.ACKNOWLEDGE_TIME, time)
        .set(LEDGER_INCIDENTS.ACKNOWLEDGED_BY, caller)
        .set(LEDGER_INCIDENTS.CASE_REFERENCE, caseReference)
        .set(LEDGER_INCIDENTS.LEDGER_INDEX, ledgerIndex)
        .where(LEDGER_INCIDENTS.ID.eq(id), LEDGER_INCIDENTS.ACKNOWLEDGE_TIME.isNull())
        .execute() == 1;
  }

  private static Incident toIncident(LedgerIncidentsRecord r) {
    return new Incident(r.getId(), r.getFailure(), r.getTreeSize(), r.getDetectTime(), Optional.ofNullable(r.getAcknowledgeTime()));
  }
}
