package org.custody.disclosure.store;

import static org.custody.disclosure.store.generated.Tables.POLICY_ACKNOWLEDGEMENTS;
import static org.custody.disclosure.store.generated.Tables.POLICY_CAMPAIGNS;
import static org.custody.disclosure.store.generated.Tables.POLICY_NOTICES;
import static org.custody.disclosure.store.generated.Tables.POLICY_VERSIONS;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.custody.platform.mail.MessageState;
import org.custody.platform.mail.OutboxTable;
import org.custody.disclosure.policy.PolicyStore;
import org.custody.disclosure.policy.PolicyVersion;
import org.custody.disclosure.store.generated.tables.records.PolicyCampaignsRecord;
import org.custody.disclosure.store.generated.tables.records.PolicyVersionsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

final class JooqPolicyStore implements PolicyStore {
  private final StoreContext db;

  JooqPolicyStore(StoreContext db) {
    this.db = db;
  }

  @Override
  public boolean insert(PolicyVersion v) {
    return db.dsl().insertInto(POLICY_VERSIONS)
        .set(POLICY_VERSIONS.ID, v.id())
        .set(POLICY_VERSIONS.POLICY_TEXT, v.text().orElse(null))
        .set(POLICY_VERSIONS.POLICY_URL, v.url().orElse(null))
        .set(POLICY_VERSIONS.CONTENT_SHA256, v.contentSha256())
        .set(POLICY_VERSIONS.EFFECTIVE_DATE, v.effectiveDate().toString())
        .set(POLICY_VERSIONS.SIGNIFICANT, v.significant())
        .set(POLICY_VERSIONS.SUMMARY, v.summary())
        .set(POLICY_VERSIONS.PUBLISH_TIME, v.publishTime())
        .set(POLICY_VERSIONS.LEDGER_INDEX, v.ledgerIndex())
        .onDuplicateKeyIgnore()
        .execute() == 1;
  }

  @Override
  public Optional<PolicyVersion> find(String id) {
    return db.dsl().selectFrom(POLICY_VERSIONS).where(POLICY_VERSIONS.ID.eq(id)).fetchOptional(JooqPolicyStore::toVersion);
  }

  @Override
  public List<PolicyVersion> list(Optional<Cursor> after, int limit) {
    Condition condition = after.map(c -> DSL.row(POLICY_VERSIONS.PUBLISH_TIME, POLICY_VERSIONS.ID).lt(c.publishTime(), c.id()))
        .orElse(DSL.noCondition());
    return db.dsl().selectFrom(POLICY_VERSIONS).where(condition)
        .orderBy(POLICY_VERSIONS.PUBLISH_TIME.desc(), POLICY_VERSIONS.ID.desc())
        .limit(limit)
        .fetch(JooqPolicyStore::toVersion);
  }

  @Override
  public Optional<PolicyVersion> latestSignificant() {
    return db.dsl().selectFrom(POLICY_VERSIONS).where(POLICY_VERSIONS.SIGNIFICANT.isTrue())
        .orderBy(POLICY_VERSIONS.PUBLISH_TIME.desc(), POLICY_VERSIONS.ID.desc())
        .limit(1)
        .fetchOptional(JooqPolicyStore::toVersion);
  }

  @Override
  public void openCampaign(String versionId, Instant start, Instant firstAttempt) {
    db.defer(DSL.insertInto(POLICY_CAMPAIGNS)
        .set(POLICY_CAMPAIGNS.VERSION_ID, versionId)
        .set(POLICY_CAMPAIGNS.START_TIME, start)
        .set(POLICY_CAMPAIGNS.ATTEMPTS, 0)
        .set(POLICY_CAMPAIGNS.NEXT_ATTEMPT_TIME, firstAttempt));
  }

  @Override
  public Optional<Campaign> campaign(String versionId) {
    return db.dsl().selectFrom(POLICY_CAMPAIGNS).where(POLICY_CAMPAIGNS.VERSION_ID.eq(versionId)).fetchOptional(JooqPolicyStore::toCampaign);
  }

  @Override
  public List<Campaign> unlisted(Instant now, int limit) {
    return db.dsl().selectFrom(POLICY_CAMPAIGNS)
        .where(POLICY_CAMPAIGNS.NEXT_ATTEMPT_TIME.le(now), POLICY_CAMPAIGNS.LIST_TIME.isNull())
        .orderBy(POLICY_CAMPAIGNS.NEXT_ATTEMPT_TIME)
        .limit(limit)
        .fetch(JooqPolicyStore::toCampaign);
  }

  @Override
  public boolean markListed(String versionId, Instant time) {
    return db.dsl().update(POLICY_CAMPAIGNS)
        .set(POLICY_CAMPAIGNS.LIST_TIME, time)
        .setNull(POLICY_CAMPAIGNS.NEXT_ATTEMPT_TIME)
        .where(POLICY_CAMPAIGNS.VERSION_ID.eq(versionId), POLICY_CAMPAIGNS.LIST_TIME.isNull())
        .execute() == 1;
  }

  @Override
  public void insertNotices(String versionId, List<StoredNotice> notices) {
    for (int from = 0; from < notices.size(); from += 1000) {
      var insert = DSL.insertInto(POLICY_NOTICES, POLICY_NOTICES.VERSION_ID, POLICY_NOTICES.NOTICE_POSITION, POLICY_NOTICES.PROJECT,
          POLICY_NOTICES.ACCOUNT, POLICY_NOTICES.MESSAGE_ID);
      for (StoredNotice n : notices.subList(from, Math.min(notices.size(), from + 1000))) {
        insert = insert.values(versionId, n.position(), n.project(), n.account(), n.messageId().orElse(null));
      }
      db.defer(insert);
    }
  }

  @Override
  public void postpone(String versionId, int attempts, Instant nextAttempt, String failure) {
    db.dsl().update(POLICY_CAMPAIGNS).set(POLICY_CAMPAIGNS.ATTEMPTS, attempts).set(POLICY_CAMPAIGNS.NEXT_ATTEMPT_TIME, nextAttempt)
        .set(POLICY_CAMPAIGNS.LAST_FAILURE, failure.length() > 100 ? failure.substring(0, 100) : failure)
        .where(POLICY_CAMPAIGNS.VERSION_ID.eq(versionId), POLICY_CAMPAIGNS.LIST_TIME.isNull())
        .execute();
  }

  @Override
  public DeliveryCounts deliveryCounts(String versionId) {
    return counts(POLICY_NOTICES.VERSION_ID.eq(versionId));
  }

  @Override
  public DeliveryCounts allDeliveryCounts() {
    return counts(DSL.noCondition());
  }

  /** One aggregate over the notices and their outbox messages (a notice without a message had no address: given up). */
  private DeliveryCounts counts(Condition notices) {
    var queued = DSL.sum(DSL.when(OutboxTable.NEXT_ATTEMPT_TIME.isNotNull(), 1).otherwise(0));
    var sent = DSL.sum(DSL.when(OutboxTable.ATTEMPTS.ge(1), 1).otherwise(0));
    var delivered = DSL.sum(DSL.when(OutboxTable.DELIVERY_STATE.eq(MessageState.DELIVERED.name()), 1).otherwise(0));
    var failed = DSL.sum(DSL.when(OutboxTable.ID.isNull(), 1)
        .when(OutboxTable.DELIVERY_STATE.eq(MessageState.FAILED.name()).and(OutboxTable.NEXT_ATTEMPT_TIME.isNull()), 1)
        .otherwise(0));
    Record r = db.dsl().select(DSL.count(), queued, sent, delivered, failed)
        .from(POLICY_NOTICES).leftJoin(OutboxTable.TABLE).on(OutboxTable.ID.eq(POLICY_NOTICES.MESSAGE_ID))
        .where(notices)
        .fetchOne();
    return new DeliveryCounts(r.get(0, Long.class), orZero(r.get(1, Long.class)), orZero(r.get(2, Long.class)), orZero(r.get(3, Long.class)),
        orZero(r.get(4, Long.class)));
  }

  @Override
  public boolean insertAcknowledgement(Acknowledgement a) {
    return db.dsl().insertInto(POLICY_ACKNOWLEDGEMENTS)
        .set(POLICY_ACKNOWLEDGEMENTS.ACCOUNT, a.account())
        .set(POLICY_ACKNOWLEDGEMENTS.VERSION_ID, a.versionId())
        .set(POLICY_ACKNOWLEDGEMENTS.ACKNOWLEDGE_TIME, a.time())
        .set(POLICY_ACKNOWLEDGEMENTS.LEDGER_INDEX, a.ledgerIndex())
        .onDuplicateKeyIgnore()
        .execute() == 1;
  }

  @Override
  public Optional<Acknowledgement> acknowledgement(String account, String versionId) {
    return db.dsl().selectFrom(POLICY_ACKNOWLEDGEMENTS)
        .where(POLICY_ACKNOWLEDGEMENTS.ACCOUNT.eq(account), POLICY_ACKNOWLEDGEMENTS.VERSION_ID.eq(versionId))
        .fetchOptional(r -> new Acknowledgement(r.getAccount(), r.getVersionId(), r.getAcknowledgeTime(), r.getLedgerIndex()));
  }

  @Override
  public long acknowledgements(String versionId) {
    return db.dsl().fetchCount(POLICY_ACKNOWLEDGEMENTS, POLICY_ACKNOWLEDGEMENTS.VERSION_ID.eq(versionId));
  }

  @Override
  public long allSignificantAcknowledgements() {
    return db.dsl().selectCount().from(POLICY_ACKNOWLEDGEMENTS)
        .join(POLICY_VERSIONS).on(POLICY_VERSIONS.ID.eq(POLICY_ACKNOWLEDGEMENTS.VERSION_ID))
        .where(POLICY_VERSIONS.SIGNIFICANT.isTrue())
        .fetchOne(0, Long.class);
  }

  private static PolicyVersion toVersion(PolicyVersionsRecord r) {
    return new PolicyVersion(r.getId(), Optional.ofNullable(r.getPolicyText()), Optional.ofNullable(r.getPolicyUrl()), r.getContentSha256(),
        LocalDate.parse(r.getEffectiveDate()), Boolean.TRUE.equals(r.getSignificant()), r.getSummary(), r.getPublishTime(), r.getLedgerIndex());
  }

  private static Campaign toCampaign(PolicyCampaignsRecord r) {
    return new Campaign(r.getVersionId(), r.getStartTime(), Optional.ofNullable(r.getListTime()), r.getAttempts(),
        Optional.ofNullable(r.getLastFailure()));
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
