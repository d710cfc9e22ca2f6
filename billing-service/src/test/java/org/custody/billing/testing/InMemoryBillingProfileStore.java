package org.custody.billing.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.profile.BillingProfileStore;
import org.custody.platform.api.AccountName;

/** Billing profiles in memory; joins each row to its data key like the jOOQ store. */
public final class InMemoryBillingProfileStore implements BillingProfileStore {
  private final Map<String, Sealed> rows = new LinkedHashMap<>();
  private final InMemoryDataKeyStore keys;

  public InMemoryBillingProfileStore(InMemoryDataKeyStore keys) {
    this.keys = keys;
  }

  @Override
  public synchronized void insert(Sealed row) {
    rows.put(row.id(), row);
  }

  @Override
  public synchronized Optional<Stored> find(AccountName subject, String id) {
    return Optional.ofNullable(rows.get(id)).filter(r -> r.subject().equals(subject)).map(this::join);
  }

  @Override
  public synchronized Optional<Stored> findForUpdate(AccountName subject, String id) {
    return find(subject, id);
  }

  @Override
  public synchronized List<Stored> list(AccountName subject, Optional<ListCursor> after, int limit) {
    return rows.values().stream().filter(r -> r.subject().equals(subject))
        .sorted(Comparator.comparing(Sealed::createTime).thenComparing(Sealed::id))
        .filter(r -> after.map(c -> r.createTime().isAfter(c.createTime())
            || (r.createTime().equals(c.createTime()) && r.id().compareTo(c.id()) > 0)).orElse(true))
        .limit(limit).map(this::join).toList();
  }

  @Override
  public synchronized void update(String id, byte[] sealedDetails, Instant updateTime) {
    Sealed r = rows.get(id);
    rows.put(id, new Sealed(id, r.subject(), r.dataKeyId(), sealedDetails, r.createTime(), updateTime));
  }

  @Override
  public synchronized boolean delete(AccountName subject, String id) {
    return find(subject, id).isPresent() && rows.remove(id) != null;
  }

  @Override
  public synchronized int deleteAll(AccountName subject) {
    List<String> ids = rows.values().stream().filter(r -> r.subject().equals(subject)).map(Sealed::id).toList();
    ids.forEach(rows::remove);
    return ids.size();
  }

  /** The stored rows, as a backup would copy them. */
  public synchronized List<Sealed> rows() {
    return List.copyOf(rows.values());
  }

  private Stored join(Sealed row) {
    return new Stored(row, keys.rows().stream().filter(k -> k.ref().id().equals(row.dataKeyId())).findFirst()
        .orElseThrow(() -> new IllegalStateException("a row references a missing data key")).ref());
  }
}
