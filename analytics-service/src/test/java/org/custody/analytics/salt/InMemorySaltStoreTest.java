package org.custody.analytics.salt;

class InMemorySaltStoreTest extends SaltStoreContract {
  private final InMemorySaltStore store = new InMemorySaltStore();

  @Override
  protected SaltStore store() {
    return store;
  }
}
