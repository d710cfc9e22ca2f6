package org.custody.billing.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.custody.billing.crypto.KekState;
import org.custody.billing.crypto.KekVersion;
import org.custody.billing.crypto.KekVersionStore;
import org.custody.billing.crypto.StoredKekVersion;

/** KEK versions in memory (no locking: unit tests are single-threaded). */
public final class InMemoryKekVersionStore implements KekVersionStore {
  private final TreeMap<Integer, StoredKekVersion> rows = new TreeMap<>();

  @Override
  public synchronized List<StoredKekVersion> all() {
    return new ArrayList<>(rows.values());
  }

  @Override
  public synchronized Optional<KekVersion> primaryForShare() {
    return rows.values().stream().map(StoredKekVersion::version).filter(KekVersion::primary).findFirst();
  }

  @Override
  public synchronized Optional<KekVersion> lockForUpdate(int version) {
    return Optional.ofNullable(rows.get(version)).map(StoredKekVersion::version);
  }

  @Override
  public synchronized int maxVersion() {
    return rows.isEmpty() ? 0 : rows.lastKey();
  }

  @Override
  public synchronized boolean insert(KekVersion version, byte[] sealedKeyset) {
    if (rows.containsKey(version.version())) {
      return false;
    }
    rows.put(version.version(), new StoredKekVersion(version, Optional.of(sealedKeyset)));
    return true;
  }

  @Override
  public synchronized void makePrimary(int version) {
    rows.replaceAll((v, row) -> new StoredKekVersion(with(row.version(), row.version().state(), v == version, row.version().stateTime()),
        row.sealedKeyset()));
  }

  @Override
  public synchronized void changeState(int version, KekState state, Instant at) {
    StoredKekVersion row = rows.get(version);
    rows.put(version, new StoredKekVersion(with(row.version(), state, row.version().primary(), at),
        state == KekState.DESTROYED ? Optional.empty() : row.sealedKeyset()));
  }

  private static KekVersion with(KekVersion v, KekState state, boolean primary, Instant stateTime) {
    return new KekVersion(v.version(), state, primary, v.createTime(), stateTime);
  }
}
