package org.custody.billing.crypto;

import org.custody.billing.testing.InMemoryDataKeyStore;
import org.junit.jupiter.api.BeforeEach;

class InMemoryDataKeyStoreTest extends DataKeyStoreContract {
  private DataKeyStore store;

  @BeforeEach
  void fresh() {
    store = new InMemoryDataKeyStore();
  }

  @Override
  protected DataKeyStore store() {
    return store;
  }
}
