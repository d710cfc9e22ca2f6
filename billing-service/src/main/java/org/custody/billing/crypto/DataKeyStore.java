package org.custody.billing.crypto;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.platform.api.AccountName;

/** Persistence of data keys (wrapped). Locking reads only inside a transaction. */
public interface DataKeyStore {
  /**
   * The subject's key of a purpose, read with a shared lock: rows sealed under it in the same
   * transaction cannot race an erasure that destroys it.
   */
  Optional<DataKeyRow> findForShare(AccountName subject, KeyPurpose purpose);

  /** The subject's key of a purpose, locked for update (erasure, retention changes). */
  Optional<DataKeyRow> findForUpdate(AccountName subject, KeyPurpose purpose);

  /**
   * Stores a new key.
   *
   * @return false when the subject already has a key of that purpose (a concurrent call made it)
   */
  boolean insert(DataKeyRow row);

  /** Destroys a key: everything sealed under it becomes unreadable, wherever it was copied. */
  void delete(String id);

  /** Sets a RETENTION key's end of retention. */
  void setRetainUntil(String id, Instant retainUntil);

  /** How many data keys each KEK version wraps. */
  Map<Integer, Long> countByKekVersion();

  /** How many data keys {@code version} wraps. */
  long countUnder(int version);

  /** How many data keys are wrapped under a version other than {@code version}. */
  long countNotUnder(int version);

  /** The next keys, in id order after {@code afterId}, wrapped under a version other than {@code version}. */
  List<DataKeyRef> nextNotUnder(int version, String afterId, int limit);

  /**
   * Replaces wrapped keys by their rewrapped form (all under {@code version}); keys deleted
   * meanwhile stay deleted.
   *
   * @return how many keys were replaced
   */
  int replaceWrapped(List<DataKeyRef> rewrapped, int version);

  /** RETENTION keys whose retention ended at or before {@code now}. */
  List<DataKeyRow> retentionEndedBy(Instant now, int limit);
}
