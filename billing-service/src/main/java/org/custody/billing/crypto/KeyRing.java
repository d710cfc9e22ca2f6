package org.custody.billing.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custody.platform.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption key (KEK): its versions, each a one-key AES-256-GCM Tink keyset whose
 * material is stored only sealed by the {@link RootKey}. New data keys are wrapped under the
 * primary version; a data key is unwrapped under the version that wrapped it, which must be
 * enabled. The unsealed versions live only in this process's memory.
 *
 * <p>Replicas share the versions through the database: a version this process does not know yet
 * (rotated elsewhere) is loaded on first use, and the primary is read from the database, under a
 * shared lock, in the transaction that stores the wrapped key.
 */
public final class KeyRing {
  private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
  private static final String VERSION_AD = "custody.billing.kek-version/";

  private final RootKey root;
  private final KekVersionStore store;
  private final Transactions transactions;
  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());
  /** Bumped whenever a reload finds the versions changed (rotation, disabling, destruction). */
  private volatile long generation;

  /** The versions as last loaded, and the enabled ones unsealed. */
  private record Snapshot(List<KekVersion> versions, Map<Integer, Aead> usable) {}

  /** A data key wrapped under a version. */
  public record Wrapped(int kekVersion, byte[] wrappedKey) {}

  public KeyRing(RootKey root, KekVersionStore store, Transactions transactions, Clock clock) {
    Tink.register();
    this.root = root;
    this.store = store;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Creates version 1 on an empty database, then loads every version. Fails when the configured
   * root does not open the stored versions (the wrong keyset for this database).
   */
  public KeyRing open() {
    transactions.run(() -> {
      if (store.maxVersion() == 0) {
        Instant now = clock.instant();
        if (store.insert(new KekVersion(1, KekState.ENABLED, true, now, now), seal(1, newKeyset()))) {
          log.info("created key-encryption-key version=1");
        }
      }
    });
    refresh();
    return this;
  }

  /** Reloads the versions from the database (after a change here or on another replica). */
  public synchronized void refresh() {
    Map<Integer, Aead> known = snapshot.usable();
    Map<Integer, Aead> usable = new HashMap<>();
    List<StoredKekVersion> rows = store.all();
    for (StoredKekVersion row : rows) {
      KekVersion version = row.version();
      if (version.state() != KekState.ENABLED || row.sealedKeyset().isEmpty()) {
        continue;
      }
      Aead aead = known.get(version.version());
      usable.put(version.version(), aead != null ? aead : unseal(version.version(), row.sealedKeyset().get()));
    }
    Snapshot loaded = new Snapshot(rows.stream().map(StoredKekVersion::version).toList(), Map.copyOf(usable));
    boolean changed = !loaded.versions().equals(snapshot.versions()) || !loaded.usable().keySet().equals(snapshot.usable().keySet());
    snapshot = loaded;
    if (changed) {
      generation++; // only written here, under this method's lock
    }
  }

  /**
   * Changes whenever the loaded versions change; anything derived from unwrapped keys may be kept
   * only while this stays the same (see {@link OpenedKeyCache}).
   */
  public long generation() {
    return generation;
  }

  /** Every version as last loaded, oldest first. */
  public List<KekVersion> versions() {
    return snapshot.versions();
  }

  /** How many versions are in each state, as last loaded. */
  public Map<KekState, Long> countByState() {
    Map<KekState, Long> counts = new EnumMap<>(KekState.class);
    for (KekState state : KekState.values()) {
      counts.put(state, 0L);
    }
    snapshot.versions().forEach(v -> counts.merge(v.state(), 1L, Long::sum));
    return counts;
  }

  /**
   * Wraps a data key under the primary version. Call inside the transaction that stores the
   * result: the primary is read there under a shared lock.
   */
  public Wrapped wrap(byte[] keyMaterial, byte[] associatedData) {
    KekVersion primary = store.primaryForShare()
        .orElseThrow(() -> new IllegalStateException("there is no primary key-encryption-key version"));
    return new Wrapped(primary.version(), wrapUnder(primary.version(), keyMaterial, associatedData));
  }

  /** Wraps a data key under a given enabled version (the rewrap job's target). */
  public byte[] wrapUnder(int version, byte[] keyMaterial, byte[] associatedData) {
    try {
      return usable(version).encrypt(keyMaterial, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot wrap a data key", e);
    }
  }

  /** Unwraps a data key under the version that wrapped it. */
  public byte[] unwrap(int version, byte[] wrappedKey, byte[] associatedData) {
    try {
      return usable(version).decrypt(wrappedKey, associatedData);
    } catch (GeneralSecurityException e) {
      // No cause: it would say nothing useful, and messages of crypto libraries are not for logs.
      throw new IllegalStateException("a wrapped data key does not open under key-encryption-key version " + version);
    }
  }

  /** Generates the key material of a new version, sealed by the root for storing. */
  public byte[] newSealedVersion(int version) {
    return seal(version, newKeyset());
  }

  private Aead usable(int version) {
    Aead aead = snapshot.usable().get(version);
    if (aead == null) {
      refresh(); // rotated by another replica since the last load
      aead = snapshot.usable().get(version);
      if (aead == null) {
        throw new IllegalStateException("key-encryption-key version " + version + " is not enabled");
      }
    }
    return aead;
  }

  private byte[] seal(int version, KeysetHandle keyset) {
    return root.seal(keyset, (VERSION_AD + version).getBytes(StandardCharsets.UTF_8));
  }

  private Aead unseal(int version, byte[] sealed) {
    try {
      return root.open(sealed, (VERSION_AD + version).getBytes(StandardCharsets.UTF_8))
          .getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the configured root keyset does not open key-encryption-key version " + version
          + ": is CUSTODY_BILLING_KEK_KEYSET or CUSTODY_BILLING_KEK_FILE the keyset this database was created with?");
    }
  }

  private static KeysetHandle newKeyset() {
    try {
      return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a key-encryption-key version", e);
    }
  }
}
