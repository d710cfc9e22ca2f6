package org.custody.identity.factor;

import java.time.Instant;
import java.util.Optional;

/**
 * A registered WebAuthn authenticator (passkey) as stored: its public key and signature counter.
 *
 * @param credentialData the attested credential data (AAGUID, credential id, COSE public key), CBOR
 */
public record WebAuthnCredential(byte[] credentialId, String projectId, String accountId, String displayName, byte[] credentialData,
    long signCount, Instant createTime, Optional<Instant> lastUseTime) {
  @Override
  public String toString() {
    return "WebAuthnCredential[" + projectId + "/" + accountId + "]";
  }
}
