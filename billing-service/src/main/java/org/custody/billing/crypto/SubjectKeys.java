package org.custody.billing.crypto;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.custody.platform.api.AccountName;
import org.custody.platform.domain.RandomIds;

/**
 * Each subject's data keys: the SUBJECT key, created on the first write about them and destroyed
 * by erasure, and the RETENTION key that keeps an erased subject's invoices readable until their
 * retention ends. Call these inside the transaction that stores what they seal.
 */
public final class SubjectKeys {
  private final DataKeyStore store;
  private final Envelope envelope;
  private final RandomIds ids;
  private final Clock clock;
  private final OpenedKeyCache opened;

  public SubjectKeys(DataKeyStore store, Envelope envelope, RandomIds ids, Clock clock, MeterRegistry registry) {
    this.store = store;
    this.envelope = envelope;
    this.ids = ids;
    this.clock = clock;
    this.opened = new OpenedKeyCache(envelope::kekGeneration, clock, registry);
  }

  /** A key id and its cipher, for sealing rows that reference the key. */
  public record Keyed(String keyId, DataCipher cipher) {}

  /**
   * The subject's SUBJECT key, created if it has none. The key row is share-locked until the
   * transaction ends, so a concurrent erasure waits for this write and then shreds it too.
   */
  public Keyed forWriting(AccountName subject) {
    return getOrCreate(subject, KeyPurpose.SUBJECT, Optional.empty());
  }

  /**
   * The subject's RETENTION key, created if needed, whose retention lasts at least until
   * {@code retainUntil}.
   */
  public Keyed retentionKey(AccountName subject, Instant retainUntil) {
    Optional<DataKeyRow> existing = store.findForUpdate(subject, KeyPurpose.RETENTION);
    if (existing.isPresent()) {
      DataKeyRow row = existing.get();
      if (row.retainUntil().map(until -> until.isBefore(retainUntil)).orElse(true)) {
        store.setRetainUntil(row.ref().id(), retainUntil);
      }
      return new Keyed(row.ref().id(), open(row.ref()));
    }
    return getOrCreate(subject, KeyPurpose.RETENTION, Optional.of(retainUntil));
  }

  /** The subject's RETENTION key id, if it has one (locked for update). */
  public Optional<String> existingRetentionKeyId(AccountName subject) {
    return store.findForUpdate(subject, KeyPurpose.RETENTION).map(row -> row.ref().id());
  }

  /**
   * Locks the subject's SUBJECT key for destruction (first step of an erasure: writers about the
   * subject wait until the erasure committed).
   */
  public Optional<DataKeyRow> lockSubjectKey(AccountName subject) {
    return store.findForUpdate(subject, KeyPurpose.SUBJECT);
  }

  /**
   * Destroys a key: whatever was sealed under it, wherever copied, can no longer be opened. Its
   * opened form is forgotten too, so the key material does not outlive the row in memory.
   */
  public void destroy(String keyId) {
    store.delete(keyId);
    opened.evict(keyId);
  }

  /**
   * The cipher of a stored key (reads join the key row to the data row). {@code ref} must be the
   * key row as just read: a key opened recently from exactly that row is not unwrapped again.
   */
  public DataCipher open(DataKeyRef ref) {
    DataCipher cached = opened.get(ref);
    if (cached != null) {
      return cached;
    }
    long generation = opened.generation();
    DataCipher cipher = envelope.open(ref);
    opened.put(ref, cipher, generation);
    return cipher;
  }

  /** How many opened keys are held in memory now (tests of eviction). */
  int openedKeyCount() {
    return opened.size();
  }

  private Keyed getOrCreate(AccountName subject, KeyPurpose purpose, Optional<Instant> retainUntil) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<DataKeyRow> existing = store.findForShare(subject, purpose);
      if (existing.isPresent()) {
        return new Keyed(existing.get().ref().id(), open(existing.get().ref()));
      }
      long generation = opened.generation();
      Envelope.NewKey created = envelope.newDataKey(ids.nextLong());
      if (store.insert(new DataKeyRow(created.ref(), subject, purpose, retainUntil, clock.instant()))) {
        // Harmless if this transaction rolls back: an entry is found only through its stored row.
        opened.put(created.ref(), created.cipher(), generation);
        return new Keyed(created.ref().id(), created.cipher());
      }
      // A concurrent call created the subject's key first: use that one.
    }
    throw new IllegalStateException("cannot obtain a data key for a subject");
  }
}
