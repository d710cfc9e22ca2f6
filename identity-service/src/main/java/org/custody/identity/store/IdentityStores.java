package org.custody.identity.store;

import org.custody.identity.account.AccountStore;
import org.custody.identity.contact.ContactStore;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.login.ThrottleStore;
import org.custody.identity.project.ProjectStore;
import org.custody.identity.session.SessionStore;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.db.Transactions;
import org.jooq.DSLContext;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class IdentityStores {
  private final ThreadBoundTransactions db;

  public IdentityStores(DSLContext dsl) {
    this.db = new ThreadBoundTransactions(dsl);
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
}
