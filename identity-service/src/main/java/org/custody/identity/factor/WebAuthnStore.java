package org.custody.identity.factor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of WebAuthn credentials and pending registrations. */
public interface WebAuthnStore {
  void insert(WebAuthnCredential credential);

  Optional<WebAuthnCredential> find(byte[] credentialId);

  List<WebAuthnCredential> listFor(String projectId, String accountId);

  /** Records a use: the new counter (only forward) and time; false when the counter did not move forward (a cloned authenticator or a replay). */
  boolean recordUse(byte[] credentialId, long signCount, Instant time);

  int delete(String projectId, String accountId, byte[] credentialId);

  int deleteAll(String projectId, String accountId);

  /** Replaces the account's pending registration challenge. */
  void putRegistration(String projectId, String accountId, byte[] challenge, Instant expireTime);

  /** Takes (deletes and returns) the account's pending registration challenge, if it has not expired at {@code now}. */
  Optional<byte[]> takeRegistration(String projectId, String accountId, Instant now);
}
