package org.custody.identity.store;

import static org.custody.identity.store.generated.Tables.SERVICE_SECRETS;

import java.time.Instant;
import java.util.function.Supplier;
import org.custody.identity.Transactions;
import org.custody.identity.account.AccountStore;
import org.custody.identity.contact.ContactStore;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.login.ThrottleStore;
import org.custody.identity.project.ProjectStore;
import org.custody.identity.session.SessionStore;
import org.jooq.DSLContext;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class IdentityStores {
  private final TransactionalDsl db;

  public IdentityStores(DSLContext dsl) {
    this.db = new TransactionalDsl(dsl);
  }

  /** Transactions spanning the stores handed out here. */
  public Transactions transactions() {
    return db;
  }

  public ProjectStore projects() {
    return new JooqProjectStore(db);
  }

  public AccountStore accounts() {
    return new JooqAccountStore(db);
  }

  public CredentialStore credentials() {
    return new JooqCredentialStore(db);
  }

  public ContactStore contacts() {
    return new JooqContactStore(db);
  }

  public SessionStore sessions() {
    return new JooqSessionStore(db);
  }

  public ThrottleStore throttle() {
    return new JooqThrottleStore(db);
  }

  /**
   * A secret this service generated for itself, created on first use: every instance on the same
   * database then shares it.
   */
  public byte[] secret(String name, Supplier<byte[]> generate, Instant now) {
    db.dsl().insertInto(SERVICE_SECRETS)
        .set(SERVICE_SECRETS.NAME, name)
        .set(SERVICE_SECRETS.SECRET, generate.get())
        .set(SERVICE_SECRETS.CREATE_TIME, now)
        .onDuplicateKeyIgnore()
        .execute();
    return db.dsl().select(SERVICE_SECRETS.SECRET).from(SERVICE_SECRETS).where(SERVICE_SECRETS.NAME.eq(name)).fetchSingle(SERVICE_SECRETS.SECRET);
  }
}
