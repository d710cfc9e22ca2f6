package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.DATA_KEYS;

import java.time.Instant;
import org.custody.billing.crypto.DataKeyStore;
import org.custody.billing.crypto.DataKeyStoreContract;
import org.custody.billing.crypto.KekState;
import org.custody.billing.crypto.KekVersion;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The data-key store contract against MariaDB. */
@ExtendWith(FreshDatabase.class)
class JooqDataKeyStoreIT extends DataKeyStoreContract {
  private static Database database;
  private static BillingStores stores;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = Database.open(settings, "billing", null);
    stores = new BillingStores(database.dsl());
    Instant now = Instant.parse("2026-03-15T10:00:00Z");
    stores.kekVersions().insert(new KekVersion(1, KekState.ENABLED, false, now, now), new byte[] {1});
    stores.kekVersions().insert(new KekVersion(2, KekState.ENABLED, true, now, now), new byte[] {2});
  }

  @AfterAll
  static void close() {
    if (database != null) {
      database.close();
    }
  }

  @BeforeEach
  void empty() {
    database.dsl().deleteFrom(DATA_KEYS).execute();
  }

  @Override
  protected DataKeyStore store() {
    return stores.dataKeys();
  }
}
