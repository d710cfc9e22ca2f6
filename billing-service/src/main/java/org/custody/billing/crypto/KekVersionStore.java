package org.custody.billing.crypto;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of key-encryption-key versions. Locking reads only inside a transaction. */
public interface KekVersionStore {
  /** Every version, oldest first. */
  List<StoredKekVersion> all();

  /**
   * The primary version, read with a shared lock: a data key wrapped under it in the same
   * transaction cannot race a rotation or a state change of that version.
   */
  Optional<KekVersion> primaryForShare();

  /** The version, locked for update (for state changes and rotation). */
  Optional<KekVersion> lockForUpdate(int version);

  /** The highest version number, 0 when there is none. */
  int maxVersion();

  /**
   * Adds a version.
   *
   * @return false if the version number exists already (another replica raced this one)
   */
  boolean insert(KekVersion version, byte[] sealedKeyset);

  /** Makes {@code version} the only primary. */
  void makePrimary(int version);

  /** Changes a version's state; a destroyed version's sealed material is erased. */
  void changeState(int version, KekState state, Instant at);
}
