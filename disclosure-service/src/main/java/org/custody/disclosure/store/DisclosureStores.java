package org.custody.disclosure.store;

import org.custody.disclosure.ledger.LedgerStore;
import org.custody.disclosure.ledger.Transactions;
import org.custody.disclosure.recipient.RecipientStore;
import org.jooq.DSLContext;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;

/** The composition root's only way to the jOOQ stores, which are package-private. */
public final class DisclosureStores {
  private final DSLContext dsl;

  /**
   * Statements are sent with their values inlined (jOOQ renders and escapes them). MariaDB 10.x
   * announces itself to the driver as "5.5.5-10.x", and Connector/J then truncates the fractional
   * seconds of every bound temporal value; inlined, DATETIME(6) keeps its microseconds. The driver
   * emulates prepared statements on the client anyway (useServerPrepStmts=false), so nothing is lost.
   */
  public DisclosureStores(DSLContext dsl) {
    this.dsl = dsl.configuration().derive(SettingsTools.clone(dsl.settings()).withStatementType(StatementType.STATIC_STATEMENT)).dsl();
  }

  public Transactions transactions() {
    return new JooqTransactions(dsl);
  }

  public RecipientStore recipients() {
    return new JooqRecipientStore(dsl);
  }

  public LedgerStore ledger() {
    return new JooqLedgerStore(dsl);
  }
}
