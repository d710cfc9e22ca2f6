package org.custody.identity.store;

import org.custody.identity.account.AccountStore;
import org.custody.identity.contact.ContactStore;
import org.custody.identity.credential.CredentialStore;
import org.custody.identity.factor.SecondFactorStore;
import org.custody.identity.factor.WebAuthnStore;
import org.custody.identity.login.ThrottleStore;
import org.custody.identity.project.ProjectStore;
import org.custody.identity.session.SessionStore;
import org.custody.identity.token.TokenStore;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.OutboxTransaction;
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

  public TokenStore tokens() {
    return new JooqTokenStore(db);
  }

  public SecondFactorStore secondFactors() {
    return new JooqSecondFactorStore(db);
  }

  public WebAuthnStore webAuthn() {
    return new JooqWebAuthnStore(db);
  }

  /** Where the mail outbox queues messages: the transaction open on this thread, if any (else on its own). */
  public OutboxTransaction outboxTransaction() {
    return statement -> {
      statement.attach(db.dsl().configuration());
      statement.execute();
    };
  }
}
