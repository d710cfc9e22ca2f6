package org.custody.billing.testing;

import org.custody.billing.crypto.RootKey;

/** One root keyset per test JVM, passed inline as production passes CUSTODY_BILLING_KEK_KEYSET. */
public final class TestKek {
  public static final String JSON = RootKey.generateJson();

  private TestKek() {}
}
