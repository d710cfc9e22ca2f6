package org.custody.billing.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/**
 * The root of billing's key hierarchy: an AEAD Tink keyset that comes from configuration (an
 * environment variable, a keyset file, or a file generated under CUSTODY_HOME for the embedded
 * default). It seals the key material of every key-encryption-key version; it is never stored in
 * the database, never logged, and its {@link #toString()} says nothing about it.
 *
 * <p>A keyset with several keys works as Tink keysets do: new seals use the primary key, and
 * material sealed under any enabled key still opens, so the root itself can be rotated by adding
 * a key to the configured keyset and making it primary.
 */
public final class RootKey {
  private final Aead aead;

  private RootKey(Aead aead) {
    this.aead = aead;
  }

  /**
   * Parses a Tink JSON keyset. The exception never quotes the input: it is a secret.
   *
   * @throws IllegalArgumentException if the text is not a usable AEAD keyset
   */
  public static RootKey fromJson(String keysetJson) {
    Tink.register();
    try {
      KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
      return new RootKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not a Tink JSON keyset of AEAD keys");
    }
  }

  /** A new root keyset (one AES-256-GCM key) in Tink's JSON format, for the embedded default. */
  public static String generateJson() {
    Tink.register();
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a root keyset", e);
    }
  }

  /** Seals a keyset so that only this root (and the same associated data) opens it. */
  byte[] seal(KeysetHandle keyset, byte[] associatedData) {
    try {
      return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, aead, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a key version", e);
    }
  }

  /**
   * Opens a sealed keyset.
   *
   * @throws GeneralSecurityException if this root did not seal it (or the data was altered)
   */
  KeysetHandle open(byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseEncryptedKeyset(sealed, aead, associatedData);
  }

  @Override
  public String toString() {
    return "RootKey[redacted]";
  }
}
