package org.custody.disclosure.consent;

import org.custody.disclosure.store.DisclosureStores;
import org.custody.platform.db.Transactions;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The consent store contract on the jOOQ store and a fresh MariaDB database. */
class JooqConsentStoreIT extends ConsentStoreContract {
  @RegisterExtension static final ServiceDatabase<DisclosureStores> db = ServiceDatabase.of("disclosure", DisclosureStores::new);

  @Override
  Transactions transactions() {
    return db.stores().transactions();
  }

  @Override
  ConsentStore store() {
    return db.stores().consents();
  }
}
