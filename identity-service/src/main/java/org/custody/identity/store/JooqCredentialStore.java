package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.CREDENTIALS;

import java.time.Instant;
import java.util.Optional;
import org.custody.identity.credential.CredentialStore;
import org.custody.platform.db.ThreadBoundTransactions;

final class JooqCredentialStore implements CredentialStore {
  private final ThreadBoundTransactions db;

  JooqCredentialStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public void insert(String projectId, String accountId, String phc, Instant time) {
    db.dsl().insertInto(CREDENTIALS)
        .set(CREDENTIALS.PROJECT_ID, projectId)
        .set(CREDENTIALS.ACCOUNT_ID, accountId)
        .set(CREDENTIALS.PHC, phc)
        .set(CREDENTIALS.UPDATE_TIME, time)
        .execute();
  }

  @Override
  public Optional<String> find(String projectId, String accountId) {
    return db.dsl().select(CREDENTIALS.PHC).from(CREDENTIALS)
        .where(CREDENTIALS.PROJECT_ID.eq(projectId), CREDENTIALS.ACCOUNT_ID.eq(accountId))
        .fetchOptional(CREDENTIALS.PHC);
  }

  @Override
  public Optional<Instant> updateTime(String projectId, String accountId) {
    return db.dsl().select(CREDENTIALS.UPDATE_TIME).from(CREDENTIALS)
        .where(CREDENTIALS.PROJECT_ID.eq(projectId), CREDENTIALS.ACCOUNT_ID.eq(accountId))
        .fetchOptional(CREDENTIALS.UPDATE_TIME);
  }

  @Override
  public void update(String projectId, String accountId, String phc, Instant time) {
    db.dsl().update(CREDENTIALS).set(CREDENTIALS.PHC, phc).set(CREDENTIALS.UPDATE_TIME, time)
        .where(CREDENTIALS.PROJECT_ID.eq(projectId), CREDENTIALS.ACCOUNT_ID.eq(accountId))
        .execute();
  }

  @Override
  public int delete(String projectId, String accountId) {
    return db.dsl().deleteFrom(CREDENTIALS)
        .where(CREDENTIALS.PROJECT_ID.eq(projectId), CREDENTIALS.ACCOUNT_ID.eq(accountId))
        .execute();
  }
}
