package org.custody.disclosure.store;

import java.util.ArrayList;
import java.util.List;
import org.custody.disclosure.ledger.Transaction;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * A jOOQ transaction handed through the domain. Stores may defer inserts whose results they do
 * not need; deferred statements go to the server together (one round trip) before the next
 * immediate statement or the commit, in the order they were deferred.
 */
final class JooqTransaction implements Transaction {
  private final DSLContext dsl;
  private final List<Query> deferred = new ArrayList<>();

  JooqTransaction(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The transaction's DSL, after sending whatever was deferred. */
  static DSLContext dsl(Transaction tx) {
    JooqTransaction jooq = (JooqTransaction) tx;
    jooq.flush();
    return jooq.dsl;
  }

  static void defer(Transaction tx, Query query) {
    ((JooqTransaction) tx).deferred.add(query);
  }

  void flush() {
    if (deferred.isEmpty()) {
      return;
    }
    if (deferred.size() == 1) {
      deferred.get(0).execute();
    } else {
      dsl.batch(deferred).execute();
    }
    deferred.clear();
  }
}
