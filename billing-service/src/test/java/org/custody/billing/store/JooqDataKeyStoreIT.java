package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.DATA_KEYS;

import java.time.Instant;
import org.custody.billing.crypto.DataKeyStore;
import org.custody.billing.crypto.DataKeyStoreContract;
import org.custody.billing.crypto.KekState;
import org.custody.billing.crypto.KekVersion;
import org.custody.platform.testkit.ServiceDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The data-key store contract against MariaDB. */
class JooqDataKeyStoreIT extends DataKeyStoreContract {
  @RegisterExtension static final ServiceDatabase<BillingStores> db = ServiceDatabase.of("billing", BillingStores::new);

  @BeforeAll
  static void twoKeyVersions() {
    Instant now = Instant.parse("2026-03-15T10:00:00Z");
    db.stores().kekVersions().insert(new KekVersion(1, KekState.ENABLED, false, now, now), new byte[] {1});
    db.stores().kekVersions().insert(new KekVersion(2, KekState.ENABLED, true, now, now), new byte[] {2});
  }

  @BeforeEach
  void empty() {
    db.dsl().deleteFrom(DATA_KEYS).execute();
  }

  @Override
  protected DataKeyStore store() {
    return db.stores().dataKeys();
  }
}
