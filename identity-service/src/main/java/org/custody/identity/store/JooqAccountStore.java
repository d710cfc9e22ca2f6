package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.ACCOUNTS;

import java.util.Optional;
import org.custody.identity.account.Account;
import org.custody.identity.account.AccountState;
import org.custody.identity.account.AccountStore;
import org.custody.identity.store.generated.tables.records.AccountsRecord;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.jooq.exception.IntegrityConstraintViolationException;

final class JooqAccountStore implements AccountStore {
  private final ThreadBoundTransactions db;

  JooqAccountStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public void insert(Account account) {
    try {
      db.dsl().insertInto(ACCOUNTS)
          .set(ACCOUNTS.PROJECT_ID, account.projectId())
          .set(ACCOUNTS.ID, account.id())
          .set(ACCOUNTS.FULL_NAME, account.fullName())
          .set(ACCOUNTS.COMPANY, account.company())
          .set(ACCOUNTS.EMAIL, account.email())
          .set(ACCOUNTS.STATE, account.state().name())
          .set(ACCOUNTS.CREATE_TIME, account.createTime())
          .set(ACCOUNTS.UPDATE_TIME, account.updateTime())
          .set(ACCOUNTS.EMAIL_VERIFY_TIME, account.emailVerifyTime().orElse(null))
          .execute();
    } catch (IntegrityConstraintViolationException e) {
      throw alreadyExists();
    }
  }

  static DomainException alreadyExists() {
    // Never says whose: the address is the caller's to know, not the message's.
    return DomainException.of(ErrorKind.ALREADY_EXISTS, "ACCOUNT_ALREADY_EXISTS", "an account with this e-mail address already exists");
  }

  @Override
  public Optional<Account> find(String projectId, String accountId) {
    return db.dsl().selectFrom(ACCOUNTS).where(ACCOUNTS.PROJECT_ID.eq(projectId), ACCOUNTS.ID.eq(accountId))
        .fetchOptional().map(JooqAccountStore::toAccount);
  }

  @Override
  public Optional<Account> findByEmail(String projectId, String email) {
    return db.dsl().selectFrom(ACCOUNTS).where(ACCOUNTS.PROJECT_ID.eq(projectId), ACCOUNTS.EMAIL.eq(email))
        .fetchOptional().map(JooqAccountStore::toAccount);
  }

  @Override
  public Slice<Account> list(String projectId, String cursor, int size) {
    var rows = db.dsl().selectFrom(ACCOUNTS)
        .where(ACCOUNTS.PROJECT_ID.eq(projectId), ACCOUNTS.SEQ.gt(Cursors.seq(cursor, 0)))
        .orderBy(ACCOUNTS.SEQ).limit(size + 1).fetch();
    return Cursors.slice(rows, size, JooqAccountStore::toAccount, r -> Long.toString(r.getSeq()));
  }

  @Override
  public void update(Account account) {
    try {
      db.dsl().update(ACCOUNTS)
          .set(ACCOUNTS.FULL_NAME, account.fullName())
          .set(ACCOUNTS.COMPANY, account.company())
          .set(ACCOUNTS.EMAIL, account.email())
          .set(ACCOUNTS.STATE, account.state().name())
          .set(ACCOUNTS.UPDATE_TIME, account.updateTime())
          .set(ACCOUNTS.EMAIL_VERIFY_TIME, account.emailVerifyTime().orElse(null))
          .where(ACCOUNTS.PROJECT_ID.eq(account.projectId()), ACCOUNTS.ID.eq(account.id()))
          .execute();
    } catch (IntegrityConstraintViolationException e) {
      throw alreadyExists();
    }
  }

  @Override
  public int delete(String projectId, String accountId) {
    return db.dsl().deleteFrom(ACCOUNTS).where(ACCOUNTS.PROJECT_ID.eq(projectId), ACCOUNTS.ID.eq(accountId)).execute();
  }

  private static Account toAccount(AccountsRecord r) {
    return new Account(r.getProjectId(), r.getId(), r.getFullName(), r.getCompany(), r.getEmail(),
        AccountState.valueOf(r.getState()), r.getCreateTime(), r.getUpdateTime(), java.util.Optional.ofNullable(r.getEmailVerifyTime()));
  }
}
