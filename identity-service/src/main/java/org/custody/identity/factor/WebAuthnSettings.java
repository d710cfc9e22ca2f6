package org.custody.identity.factor;

import java.util.Set;

/**
 * The WebAuthn relying party: the front end's domain (the RP ID every credential is bound to), its
 * name as authenticators show it, and the origins its pages are served from.
 */
public record WebAuthnSettings(String rpId, String rpName, Set<String> origins) {
  public WebAuthnSettings {
    origins = Set.copyOf(origins);
  }

  public static WebAuthnSettings defaults() {
    return new WebAuthnSettings("localhost", "Custody", Set.of("https://localhost"));
  }
}
