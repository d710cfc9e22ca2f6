package org.custody.billing.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.custody.billing.crypto.DataKeyStore;
import org.custody.billing.crypto.KekState;
import org.custody.billing.crypto.KekVersion;
import org.custody.billing.crypto.KekVersionStore;
import org.custody.billing.crypto.KeyRing;
import org.custody.billing.crypto.StoredKekVersion;
import org.custody.platform.db.Transactions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of key-encryption-key versions. Rotation adds a version and makes it primary (new
 * data keys are wrapped under it; existing ones stay readable under theirs until a rewrap job
 * moves them). A version can be disabled only when it is not primary and wraps no data key, and
 * destroyed only when disabled: data can never be made unreadable by retiring a version.
 */
public final class KeyVersions {
  private static final Logger log = LoggerFactory.getLogger(KeyVersions.class);

  private final KeyRing ring;
  private final KekVersionStore versions;
  private final DataKeyStore dataKeys;
  private final RewrapJobStore jobs;
  private final Transactions transactions;
  private final Clock clock;

  public KeyVersions(KeyRing ring, KekVersionStore versions, DataKeyStore dataKeys, RewrapJobStore jobs,
      Transactions transactions, Clock clock) {
    this.ring = ring;
    this.versions = versions;
    this.dataKeys = dataKeys;
    this.jobs = jobs;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** A version and how many data keys it wraps. */
  public record Status(KekVersion version, long wrappedKeys) {}

  /** Adds a version and makes it primary. Refused while a rewrap job runs. */
  public Status rotate() {
    KekVersion created = transactions.inTransaction(() -> {
      if (jobs.running().isPresent()) {
        throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "REWRAP_IN_PROGRESS",
            "a rewrap job is running; rotate after it finished");
      }
      // Locking the current primary waits out data keys being wrapped under it right now.
      versions.primaryForShare().ifPresent(primary -> versions.lockForUpdate(primary.version()));
      int next = versions.maxVersion() + 1;
      Instant now = clock.instant();
      KekVersion version = new KekVersion(next, KekState.ENABLED, true, now, now);
      if (!versions.insert(version, ring.newSealedVersion(next))) {
        throw DomainException.of(ErrorKind.ABORTED, "CONCURRENT_ROTATION", "another rotation happened at the same time; retry");
      }
      versions.makePrimary(next);
      return version;
    });
    ring.refresh();
    log.info("rotated key-encryption-key primaryVersion={}", created.version());
    return new Status(created, 0);
  }

  /** Every version, oldest first, with how many data keys it wraps. */
  public List<Status> list() {
    Map<Integer, Long> counts = dataKeys.countByKekVersion();
    return versions.all().stream()
        .map(StoredKekVersion::version)
        .map(v -> new Status(v, counts.getOrDefault(v.version(), 0L)))
        .toList();
  }

  /** Disables a version that is not primary and wraps no data key. Disabling twice is a no-op. */
  public Status disable(int version) {
    KekVersion result = transactions.inTransaction(() -> {
      KekVersion current = versions.lockForUpdate(version).orElseThrow(() -> DomainException.notFound("key version"));
      if (current.state() == KekState.DISABLED) {
        return current;
      }
      if (current.state() == KekState.DESTROYED) {
        throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "KEY_VERSION_DESTROYED", "the key version is destroyed");
      }
      if (current.primary()) {
        throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "KEY_VERSION_IS_PRIMARY",
            "the primary key version cannot be disabled; rotate first");
      }
      requireUnused(version);
      Instant now = clock.instant();
      versions.changeState(version, KekState.DISABLED, now);
      return new KekVersion(version, KekState.DISABLED, false, current.createTime(), now);
    });
    ring.refresh();
    log.info("disabled key-encryption-key version={}", version);
    return new Status(result, 0);
  }

  /** Destroys a disabled version's key material. Destroying twice is a no-op. */
  public Status destroy(int version) {
    KekVersion result = transactions.inTransaction(() -> {
      KekVersion current = versions.lockForUpdate(version).orElseThrow(() -> DomainException.notFound("key version"));
      if (current.state() == KekState.DESTROYED) {
        return current;
      }
      if (current.state() != KekState.DISABLED) {
        throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "KEY_VERSION_NOT_DISABLED",
            "only a disabled key version can be destroyed; disable it first");
      }
      requireUnused(version);
      Instant now = clock.instant();
      versions.changeState(version, KekState.DESTROYED, now);
      return new KekVersion(version, KekState.DESTROYED, false, current.createTime(), now);
    });
    ring.refresh();
    log.info("destroyed key-encryption-key version={}", version);
    return new Status(result, 0);
  }

  private void requireUnused(int version) {
    long wrapped = dataKeys.countUnder(version);
    if (wrapped > 0) {
      throw DomainException.of(ErrorKind.FAILED_PRECONDITION, "KEY_VERSION_IN_USE",
          "the key version still wraps " + wrapped + " data keys; run a rewrap first");
    }
  }
}
