package org.custody.disclosure.decision;

import org.custody.disclosure.store.DisclosureStores;
import org.custody.platform.db.Transactions;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The disclosure store contract on the jOOQ store and a fresh MariaDB database. */
class JooqDisclosureStoreIT extends DisclosureStoreContract {
  @RegisterExtension static final ServiceDatabase<DisclosureStores> db = ServiceDatabase.of("disclosure", DisclosureStores::new);

  @Override
  Transactions transactions() {
    return db.stores().transactions();
  }

  @Override
  DisclosureStore store() {
    return db.stores().disclosures();
  }
}
