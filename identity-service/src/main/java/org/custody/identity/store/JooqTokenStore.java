package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.ACCOUNT_TOKENS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.identity.store.generated.tables.records.AccountTokensRecord;
import org.custody.identity.token.AccountToken;
import org.custody.identity.token.TokenPurpose;
import org.custody.identity.token.TokenStore;
import org.custody.platform.db.ThreadBoundTransactions;

final class JooqTokenStore implements TokenStore {
  private final ThreadBoundTransactions db;

  JooqTokenStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public void insert(AccountToken t) {
    db.dsl().insertInto(ACCOUNT_TOKENS)
        .set(ACCOUNT_TOKENS.TOKEN_HASH, t.hash())
        .set(ACCOUNT_TOKENS.PURPOSE, t.purpose().name())
        .set(ACCOUNT_TOKENS.PROJECT_ID, t.projectId())
        .set(ACCOUNT_TOKENS.ACCOUNT_ID, t.accountId())
        .set(ACCOUNT_TOKENS.CREATE_TIME, t.createTime())
        .set(ACCOUNT_TOKENS.EXPIRE_TIME, t.expireTime())
        .execute();
  }

  @Override
  public Optional<AccountToken> find(byte[] hash) {
    return db.dsl().selectFrom(ACCOUNT_TOKENS).where(ACCOUNT_TOKENS.TOKEN_HASH.eq(hash)).fetchOptional(JooqTokenStore::toToken);
  }

  @Override
  public boolean delete(byte[] hash) {
    return db.dsl().deleteFrom(ACCOUNT_TOKENS).where(ACCOUNT_TOKENS.TOKEN_HASH.eq(hash)).execute() == 1;
  }

  @Override
  public int deleteFor(String projectId, String accountId, TokenPurpose purpose) {
    return db.dsl().deleteFrom(ACCOUNT_TOKENS)
        .where(ACCOUNT_TOKENS.PROJECT_ID.eq(projectId), ACCOUNT_TOKENS.ACCOUNT_ID.eq(accountId), ACCOUNT_TOKENS.PURPOSE.eq(purpose.name()))
        .execute();
  }

  @Override
  public int deleteAll(String projectId, String accountId) {
    return db.dsl().deleteFrom(ACCOUNT_TOKENS).where(ACCOUNT_TOKENS.PROJECT_ID.eq(projectId), ACCOUNT_TOKENS.ACCOUNT_ID.eq(accountId)).execute();
  }

  @Override
  public List<AccountToken> listFor(String projectId, String accountId) {
    return db.dsl().selectFrom(ACCOUNT_TOKENS).where(ACCOUNT_TOKENS.PROJECT_ID.eq(projectId), ACCOUNT_TOKENS.ACCOUNT_ID.eq(accountId))
        .orderBy(ACCOUNT_TOKENS.CREATE_TIME).fetch(JooqTokenStore::toToken);
  }

  @Override
  public int deleteExpired(Instant before) {
    return db.dsl().deleteFrom(ACCOUNT_TOKENS).where(ACCOUNT_TOKENS.EXPIRE_TIME.lt(before)).execute();
  }

  private static AccountToken toToken(AccountTokensRecord r) {
    return new AccountToken(r.getTokenHash(), TokenPurpose.valueOf(r.getPurpose()), r.getProjectId(), r.getAccountId(), r.getCreateTime(),
        r.getExpireTime());
  }
}
