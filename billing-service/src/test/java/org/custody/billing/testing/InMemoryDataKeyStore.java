package org.custody.billing.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.custody.billing.crypto.DataKeyRef;
import org.custody.billing.crypto.DataKeyRow;
import org.custody.billing.crypto.DataKeyStore;
import org.custody.billing.crypto.KeyPurpose;
import org.custody.platform.api.AccountName;

/** Data keys in memory, ordered by id like the jOOQ store. */
public final class InMemoryDataKeyStore implements DataKeyStore {
  private final TreeMap<String, DataKeyRow> rows = new TreeMap<>();

  @Override
  public synchronized Optional<DataKeyRow> findForShare(AccountName subject, KeyPurpose purpose) {
    return rows.values().stream().filter(r -> r.subject().equals(subject) && r.purpose() == purpose).findFirst();
  }

  @Override
  public synchronized Optional<DataKeyRow> findForUpdate(AccountName subject, KeyPurpose purpose) {
    return findForShare(subject, purpose);
  }

  @Override
  public synchronized boolean insert(DataKeyRow row) {
    if (findForShare(row.subject(), row.purpose()).isPresent() || rows.containsKey(row.ref().id())) {
      return false;
    }
    rows.put(row.ref().id(), row);
    return true;
  }

  @Override
  public synchronized void delete(String id) {
    rows.remove(id);
  }

  @Override
  public synchronized void setRetainUntil(String id, Instant retainUntil) {
    DataKeyRow r = rows.get(id);
    rows.put(id, new DataKeyRow(r.ref(), r.subject(), r.purpose(), Optional.of(retainUntil), r.createTime()));
  }

  @Override
  public synchronized Map<Integer, Long> countByKekVersion() {
    Map<Integer, Long> counts = new HashMap<>();
    rows.values().forEach(r -> counts.merge(r.ref().kekVersion(), 1L, Long::sum));
    return counts;
  }

  @Override
  public synchronized long countUnder(int version) {
    return rows.values().stream().filter(r -> r.ref().kekVersion() == version).count();
  }

  @Override
  public synchronized long countNotUnder(int version) {
    return rows.values().stream().filter(r -> r.ref().kekVersion() != version).count();
  }

  @Override
  public synchronized List<DataKeyRef> nextNotUnder(int version, String afterId, int limit) {
    return rows.tailMap(afterId, false).values().stream().map(DataKeyRow::ref).filter(r -> r.kekVersion() != version)
        .limit(limit).toList();
  }

  @Override
  public synchronized int replaceWrapped(List<DataKeyRef> rewrapped, int version) {
    int replaced = 0;
    for (DataKeyRef ref : rewrapped) {
      DataKeyRow r = rows.get(ref.id());
      if (r != null && r.ref().kekVersion() != version) {
        rows.put(ref.id(), new DataKeyRow(new DataKeyRef(ref.id(), version, ref.wrappedKey()), r.subject(), r.purpose(), r.retainUntil(),
            r.createTime()));
        replaced++;
      }
    }
    return replaced;
  }

  @Override
  public synchronized List<DataKeyRow> retentionEndedBy(Instant now, int limit) {
    return rows.values().stream()
        .filter(r -> r.purpose() == KeyPurpose.RETENTION && r.retainUntil().map(u -> !u.isAfter(now)).orElse(false))
        .limit(limit).toList();
  }

  /** Every key (tests look at the wrapping). */
  public synchronized List<DataKeyRow> rows() {
    return new ArrayList<>(rows.values());
  }
}
