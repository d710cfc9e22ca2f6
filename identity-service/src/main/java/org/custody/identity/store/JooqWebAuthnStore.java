package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.WEBAUTHN_CREDENTIALS;
import static org.custody.identity.store.generated.Tables.WEBAUTHN_REGISTRATIONS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custody.identity.factor.WebAuthnCredential;
import org.custody.identity.factor.WebAuthnStore;
import org.custody.identity.store.generated.tables.records.WebauthnCredentialsRecord;
import org.custody.platform.db.ThreadBoundTransactions;

final class JooqWebAuthnStore implements WebAuthnStore {
  private final ThreadBoundTransactions db;

  JooqWebAuthnStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public void insert(WebAuthnCredential c) {
    db.dsl().insertInto(WEBAUTHN_CREDENTIALS)
        .set(WEBAUTHN_CREDENTIALS.CREDENTIAL_ID, c.credentialId())
        .set(WEBAUTHN_CREDENTIALS.PROJECT_ID, c.projectId())
        .set(WEBAUTHN_CREDENTIALS.ACCOUNT_ID, c.accountId())
        .set(WEBAUTHN_CREDENTIALS.DISPLAY_NAME, c.displayName())
        .set(WEBAUTHN_CREDENTIALS.CREDENTIAL_DATA, c.credentialData())
        .set(WEBAUTHN_CREDENTIALS.SIGN_COUNT, c.signCount())
        .set(WEBAUTHN_CREDENTIALS.CREATE_TIME, c.createTime())
        .execute();
  }

  @Override
  public Optional<WebAuthnCredential> find(byte[] credentialId) {
    return db.dsl().selectFrom(WEBAUTHN_CREDENTIALS).where(WEBAUTHN_CREDENTIALS.CREDENTIAL_ID.eq(credentialId))
        .fetchOptional(JooqWebAuthnStore::toCredential);
  }

  @Override
  public List<WebAuthnCredential> listFor(String projectId, String accountId) {
    return db.dsl().selectFrom(WEBAUTHN_CREDENTIALS)
        .where(WEBAUTHN_CREDENTIALS.PROJECT_ID.eq(projectId), WEBAUTHN_CREDENTIALS.ACCOUNT_ID.eq(accountId))
        .orderBy(WEBAUTHN_CREDENTIALS.CREATE_TIME).fetch(JooqWebAuthnStore::toCredential);
  }

  @Override
  public boolean recordUse(byte[] credentialId, long signCount, Instant time) {
    // Authenticators without a counter always send 0; any other counter must grow (one statement: two racing uses cannot both pass).
    return db.dsl().update(WEBAUTHN_CREDENTIALS).set(WEBAUTHN_CREDENTIALS.SIGN_COUNT, signCount).set(WEBAUTHN_CREDENTIALS.LAST_USE_TIME, time)
        .where(WEBAUTHN_CREDENTIALS.CREDENTIAL_ID.eq(credentialId),
            WEBAUTHN_CREDENTIALS.SIGN_COUNT.lt(signCount).or(WEBAUTHN_CREDENTIALS.SIGN_COUNT.eq(0L).and(org.jooq.impl.DSL.val(signCount).eq(0L))))
        .execute() == 1;
  }

  @Override
  public int delete(String projectId, String accountId, byte[] credentialId) {
    return db.dsl().deleteFrom(WEBAUTHN_CREDENTIALS).where(WEBAUTHN_CREDENTIALS.CREDENTIAL_ID.eq(credentialId),
        WEBAUTHN_CREDENTIALS.PROJECT_ID.eq(projectId), WEBAUTHN_CREDENTIALS.ACCOUNT_ID.eq(accountId)).execute();
  }

  @Override
  public int deleteAll(String projectId, String accountId) {
    db.dsl().deleteFrom(WEBAUTHN_REGISTRATIONS)
        .where(WEBAUTHN_REGISTRATIONS.PROJECT_ID.eq(projectId), WEBAUTHN_REGISTRATIONS.ACCOUNT_ID.eq(accountId)).execute();
    return db.dsl().deleteFrom(WEBAUTHN_CREDENTIALS)
        .where(WEBAUTHN_CREDENTIALS.PROJECT_ID.eq(projectId), WEBAUTHN_CREDENTIALS.ACCOUNT_ID.eq(accountId)).execute();
  }

  @Override
  public void putRegistration(String projectId, String accountId, byte[] challenge, Instant expireTime) {
    db.inTransaction(() -> {
      db.dsl().deleteFrom(WEBAUTHN_REGISTRATIONS)
          .where(WEBAUTHN_REGISTRATIONS.PROJECT_ID.eq(projectId), WEBAUTHN_REGISTRATIONS.ACCOUNT_ID.eq(accountId)).execute();
      return db.dsl().insertInto(WEBAUTHN_REGISTRATIONS)
          .set(WEBAUTHN_REGISTRATIONS.PROJECT_ID, projectId)
          .set(WEBAUTHN_REGISTRATIONS.ACCOUNT_ID, accountId)
          .set(WEBAUTHN_REGISTRATIONS.CHALLENGE, challenge)
          .set(WEBAUTHN_REGISTRATIONS.EXPIRE_TIME, expireTime)
          .execute();
    });
  }

  @Override
  public Optional<byte[]> takeRegistration(String projectId, String accountId, Instant now) {
    return db.inTransaction(() -> {
      Optional<byte[]> challenge = db.dsl().select(WEBAUTHN_REGISTRATIONS.CHALLENGE).from(WEBAUTHN_REGISTRATIONS)
          .where(WEBAUTHN_REGISTRATIONS.PROJECT_ID.eq(projectId), WEBAUTHN_REGISTRATIONS.ACCOUNT_ID.eq(accountId),
              WEBAUTHN_REGISTRATIONS.EXPIRE_TIME.gt(now))
          .forUpdate().fetchOptional(WEBAUTHN_REGISTRATIONS.CHALLENGE);
      db.dsl().deleteFrom(WEBAUTHN_REGISTRATIONS)
          .where(WEBAUTHN_REGISTRATIONS.PROJECT_ID.eq(projectId), WEBAUTHN_REGISTRATIONS.ACCOUNT_ID.eq(accountId)).execute();
      return challenge;
    });
  }

  private static WebAuthnCredential toCredential(WebauthnCredentialsRecord r) {
    return new WebAuthnCredential(r.getCredentialId(), r.getProjectId(), r.getAccountId(), r.getDisplayName(), r.getCredentialData(),
        r.getSignCount(), r.getCreateTime(), Optional.ofNullable(r.getLastUseTime()));
  }
}
