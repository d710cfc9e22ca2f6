package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.LOGIN_CHALLENGES;
import static org.custody.identity.store.generated.Tables.RECOVERY_CODES;
import static org.custody.identity.store.generated.Tables.TOTP_CREDENTIALS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.identity.factor.LoginChallenge;
import org.custody.identity.factor.SecondFactorStore;
import org.custody.identity.factor.TotpCredential;
import org.custody.platform.db.ThreadBoundTransactions;

final class JooqSecondFactorStore implements SecondFactorStore {
  private final ThreadBoundTransactions db;

  JooqSecondFactorStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<TotpCredential> findTotp(String projectId, String accountId) {
    return db.dsl().selectFrom(TOTP_CREDENTIALS).where(TOTP_CREDENTIALS.PROJECT_ID.eq(projectId), TOTP_CREDENTIALS.ACCOUNT_ID.eq(accountId))
        .fetchOptional(r -> new TotpCredential(r.getProjectId(), r.getAccountId(), r.getSealedSecret(), r.getCreateTime(),
            Optional.ofNullable(r.getConfirmTime()), r.getLastStep()));
  }

  @Override
  public void putPendingTotp(TotpCredential c) {
    db.inTransaction(() -> {
      db.dsl().deleteFrom(TOTP_CREDENTIALS).where(TOTP_CREDENTIALS.PROJECT_ID.eq(c.projectId()), TOTP_CREDENTIALS.ACCOUNT_ID.eq(c.accountId()),
          TOTP_CREDENTIALS.CONFIRM_TIME.isNull()).execute();
      return db.dsl().insertInto(TOTP_CREDENTIALS)
          .set(TOTP_CREDENTIALS.PROJECT_ID, c.projectId())
          .set(TOTP_CREDENTIALS.ACCOUNT_ID, c.accountId())
          .set(TOTP_CREDENTIALS.SEALED_SECRET, c.sealedSecret())
          .set(TOTP_CREDENTIALS.CREATE_TIME, c.createTime())
          .set(TOTP_CREDENTIALS.LAST_STEP, c.lastStep())
          .execute();
    });
  }

  @Override
  public boolean confirmTotp(String projectId, String accountId, Instant time, long step) {
    return db.dsl().update(TOTP_CREDENTIALS).set(TOTP_CREDENTIALS.CONFIRM_TIME, time).set(TOTP_CREDENTIALS.LAST_STEP, step)
        .where(TOTP_CREDENTIALS.PROJECT_ID.eq(projectId), TOTP_CREDENTIALS.ACCOUNT_ID.eq(accountId), TOTP_CREDENTIALS.CONFIRM_TIME.isNull())
        .execute() == 1;
  }

  @Override
  public boolean advanceStep(String projectId, String accountId, long step) {
    // One statement: of two concurrent uses of one code, only one moves the step.
    return db.dsl().update(TOTP_CREDENTIALS).set(TOTP_CREDENTIALS.LAST_STEP, step)
        .where(TOTP_CREDENTIALS.PROJECT_ID.eq(projectId), TOTP_CREDENTIALS.ACCOUNT_ID.eq(accountId), TOTP_CREDENTIALS.LAST_STEP.lt(step))
        .execute() == 1;
  }

  @Override
  public int deleteTotp(String projectId, String accountId) {
    return db.dsl().deleteFrom(TOTP_CREDENTIALS).where(TOTP_CREDENTIALS.PROJECT_ID.eq(projectId), TOTP_CREDENTIALS.ACCOUNT_ID.eq(accountId))
        .execute();
  }

  @Override
  public void replaceRecoveryCodes(String projectId, String accountId, List<byte[]> hashes, Instant time) {
    db.inTransaction(() -> {
      deleteRecoveryCodes(projectId, accountId);
      var insert = db.dsl().insertInto(RECOVERY_CODES, RECOVERY_CODES.PROJECT_ID, RECOVERY_CODES.ACCOUNT_ID, RECOVERY_CODES.CODE_HASH,
          RECOVERY_CODES.CREATE_TIME);
      for (byte[] hash : hashes) {
        insert = insert.values(projectId, accountId, hash, time);
      }
      return insert.execute();
    });
  }

  @Override
  public boolean useRecoveryCode(String projectId, String accountId, byte[] hash) {
    return db.dsl().deleteFrom(RECOVERY_CODES)
        .where(RECOVERY_CODES.PROJECT_ID.eq(projectId), RECOVERY_CODES.ACCOUNT_ID.eq(accountId), RECOVERY_CODES.CODE_HASH.eq(hash))
        .execute() == 1;
  }

  @Override
  public int countRecoveryCodes(String projectId, String accountId) {
    return db.dsl().fetchCount(RECOVERY_CODES, RECOVERY_CODES.PROJECT_ID.eq(projectId), RECOVERY_CODES.ACCOUNT_ID.eq(accountId));
  }

  @Override
  public int deleteRecoveryCodes(String projectId, String accountId) {
    return db.dsl().deleteFrom(RECOVERY_CODES).where(RECOVERY_CODES.PROJECT_ID.eq(projectId), RECOVERY_CODES.ACCOUNT_ID.eq(accountId)).execute();
  }

  @Override
  public void insertChallenge(LoginChallenge c) {
    db.dsl().insertInto(LOGIN_CHALLENGES)
        .set(LOGIN_CHALLENGES.CHALLENGE_HASH, c.hash())
        .set(LOGIN_CHALLENGES.PROJECT_ID, c.projectId())
        .set(LOGIN_CHALLENGES.ACCOUNT_ID, c.accountId())
        .set(LOGIN_CHALLENGES.ATTEMPTS, c.attempts())
        .set(LOGIN_CHALLENGES.CREATE_TIME, c.createTime())
        .set(LOGIN_CHALLENGES.EXPIRE_TIME, c.expireTime())
        .set(LOGIN_CHALLENGES.WEBAUTHN_CHALLENGE, c.webauthnChallenge().orElse(null))
        .execute();
  }

  @Override
  public Optional<LoginChallenge> findChallenge(byte[] hash) {
    return db.dsl().selectFrom(LOGIN_CHALLENGES).where(LOGIN_CHALLENGES.CHALLENGE_HASH.eq(hash))
        .fetchOptional(r -> new LoginChallenge(r.getChallengeHash(), r.getProjectId(), r.getAccountId(), r.getAttempts(), r.getCreateTime(),
            r.getExpireTime(), Optional.ofNullable(r.getWebauthnChallenge())));
  }

  @Override
  public int recordChallengeFailure(byte[] hash) {
    return db.inTransaction(() -> {
      db.dsl().update(LOGIN_CHALLENGES).set(LOGIN_CHALLENGES.ATTEMPTS, LOGIN_CHALLENGES.ATTEMPTS.plus(1))
          .where(LOGIN_CHALLENGES.CHALLENGE_HASH.eq(hash)).execute();
      return db.dsl().select(LOGIN_CHALLENGES.ATTEMPTS).from(LOGIN_CHALLENGES).where(LOGIN_CHALLENGES.CHALLENGE_HASH.eq(hash))
          .fetchOptional(LOGIN_CHALLENGES.ATTEMPTS).orElse(Integer.MAX_VALUE);
    });
  }

  @Override
  public boolean deleteChallenge(byte[] hash) {
    return db.dsl().deleteFrom(LOGIN_CHALLENGES).where(LOGIN_CHALLENGES.CHALLENGE_HASH.eq(hash)).execute() == 1;
  }

  @Override
  public int deleteChallenges(String projectId, String accountId) {
    return db.dsl().deleteFrom(LOGIN_CHALLENGES).where(LOGIN_CHALLENGES.PROJECT_ID.eq(projectId), LOGIN_CHALLENGES.ACCOUNT_ID.eq(accountId))
        .execute();
  }

  @Override
  public int deleteExpiredChallenges(Instant before) {
    return db.dsl().deleteFrom(LOGIN_CHALLENGES).where(LOGIN_CHALLENGES.EXPIRE_TIME.lt(before)).execute();
  }
}
