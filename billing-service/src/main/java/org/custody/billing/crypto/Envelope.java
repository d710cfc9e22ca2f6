package org.custody.billing.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Envelope encryption: each data key is a one-key AES-256-GCM Tink keyset, stored only wrapped by
 * the key-encryption key; the wrapped form is bound to the key's id, so a wrapped key copied to
 * another row does not unwrap. Unwrapped key material lives only for the duration of a call,
 * or, for keys opened through {@link SubjectKeys}, at most as long as its {@link OpenedKeyCache}
 * keeps them.
 */
public final class Envelope {
  private static final String DATA_KEY_AD = "custody.billing.data-key/";

  private final KeyRing ring;

  public Envelope(KeyRing ring) {
    Tink.register();
    this.ring = ring;
  }

  /** A fresh data key, wrapped for storing, and its cipher. */
  public record NewKey(DataKeyRef ref, DataCipher cipher) {}

  /**
   * Generates a data key wrapped under the primary KEK version. Call inside the transaction that
   * stores it.
   */
  public NewKey newDataKey(String id) {
    KeysetHandle keyset;
    byte[] material;
    try {
      keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      material = TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a data key", e);
    }
    try {
      KeyRing.Wrapped wrapped = ring.wrap(material, ad(id));
      return new NewKey(new DataKeyRef(id, wrapped.kekVersion(), wrapped.wrappedKey()), cipher(keyset));
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** The cipher of a stored data key. */
  public DataCipher open(DataKeyRef ref) {
    byte[] material = ring.unwrap(ref.kekVersion(), ref.wrappedKey(), ad(ref.id()));
    try {
      return cipher(TinkProtoKeysetFormat.parseKeyset(material, InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("data key " + ref.id() + " is not a keyset");
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** The same data key, wrapped under {@code targetVersion} instead (the key itself is unchanged). */
  public DataKeyRef rewrap(DataKeyRef ref, int targetVersion) {
    byte[] material = ring.unwrap(ref.kekVersion(), ref.wrappedKey(), ad(ref.id()));
    try {
      return new DataKeyRef(ref.id(), targetVersion, ring.wrapUnder(targetVersion, material, ad(ref.id())));
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** Changes whenever the KEK versions loaded in this process change. */
  long kekGeneration() {
    return ring.generation();
  }

  private static DataCipher cipher(KeysetHandle keyset) {
    try {
      return new DataCipher(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a data key is not an AEAD key", e);
    }
  }

  private static byte[] ad(String keyId) {
    return (DATA_KEY_AD + keyId).getBytes(StandardCharsets.UTF_8);
  }
}
