package org.custody.disclosure.erasure;

import org.custody.disclosure.testing.StoresWithOutbox;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxStore;
import org.custody.platform.mail.OutboxTransaction;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The erasure store contract on the jOOQ store, the platform outbox table and a fresh MariaDB database. */
class JooqErasureStoreIT extends ErasureStoreContract {
  @RegisterExtension static final ServiceDatabase<StoresWithOutbox> db = ServiceDatabase.of("disclosure", dsl -> StoresWithOutbox.at(dsl, "2026-11-27T10:00:00Z"));

  @Override
  Transactions transactions() {
    return db.stores().stores().transactions();
  }

  @Override
  ErasureStore store() {
    return db.stores().stores().erasures();
  }

  @Override
  OutboxStore outboxStore() {
    return db.stores().outboxStore();
  }

  @Override
  OutboxTransaction outboxTransaction() {
    return db.stores().stores().outboxTransaction();
  }

  @Override
  Outbox outbox() {
    return db.stores().outbox();
  }
}
