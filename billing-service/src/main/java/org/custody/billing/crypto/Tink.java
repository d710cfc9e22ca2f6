package org.custody.billing.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import java.security.GeneralSecurityException;

/** Registers Tink's AEAD key managers once per JVM, before any keyset is parsed or used. */
final class Tink {
  private static volatile boolean registered;

  private Tink() {}

  static void register() {
    if (registered) {
      return;
    }
    synchronized (Tink.class) {
      if (!registered) {
        try {
          AeadConfig.register();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot register Tink's AEAD primitives", e);
        }
        registered = true;
      }
    }
  }
}
