package org.custody.disclosure.policy;

import org.custody.disclosure.testing.StoresWithOutbox;
import org.custody.platform.db.Transactions;
import org.custody.platform.mail.Outbox;
import org.custody.platform.mail.OutboxTransaction;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The policy store contract on the jOOQ store, the platform outbox table and a fresh MariaDB database. */
class JooqPolicyStoreIT extends PolicyStoreContract {
  @RegisterExtension static final ServiceDatabase<StoresWithOutbox> db = ServiceDatabase.of("disclosure", dsl -> StoresWithOutbox.at(dsl, "2030-01-01T00:00:00Z"));

  @Override
  Transactions transactions() {
    return db.stores().stores().transactions();
  }

  @Override
  PolicyStore store() {
    return db.stores().stores().policies();
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
