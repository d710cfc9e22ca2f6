package org.custody.billing.testing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custody.billing.ListCursor;
import org.custody.billing.payment.PaymentMethodStore;
import org.custody.platform.api.AccountName;

/** Payment methods in memory, with the one-default-per-account mark of the jOOQ store. */
public final class InMemoryPaymentMethodStore implements PaymentMethodStore {
  private final Map<String, Sealed> rows = new LinkedHashMap<>();
  private final Map<AccountName, String> defaults = new HashMap<>();
  private final InMemoryDataKeyStore keys;

  public InMemoryPaymentMethodStore(InMemoryDataKeyStore keys) {
    this.keys = keys;
  }

  @Override
  public synchronized boolean hasDefaultValidIn(String projectId, String accountId, YearMonth month) {
    String id = defaults.get(new AccountName(projectId, accountId));
    return id != null && !rows.get(id).expiry().yearMonth().isBefore(month);
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
  public synchronized List<Stored> list(AccountName subject, Optional<ListCursor> after, int limit) {
    return rows.values().stream().filter(r -> r.subject().equals(subject))
        .sorted(Comparator.comparing(Sealed::createTime).thenComparing(Sealed::id))
        .filter(r -> after.map(c -> r.createTime().isAfter(c.createTime())
            || (r.createTime().equals(c.createTime()) && r.id().compareTo(c.id()) > 0)).orElse(true))
        .limit(limit).map(this::join).toList();
  }

  @Override
  public synchronized boolean setDefault(AccountName subject, String id, Instant at) {
    if (find(subject, id).isEmpty()) {
      return false;
    }
    defaults.put(subject, id);
    return true;
  }

  @Override
  public synchronized boolean delete(AccountName subject, String id) {
    if (find(subject, id).isEmpty()) {
      return false;
    }
    rows.remove(id);
    defaults.remove(subject, id);
    return true;
  }

  @Override
  public synchronized int deleteAll(AccountName subject) {
    List<String> ids = rows.values().stream().filter(r -> r.subject().equals(subject)).map(Sealed::id).toList();
    ids.forEach(rows::remove);
    defaults.remove(subject);
    return ids.size();
  }

  public synchronized List<Sealed> rows() {
    return List.copyOf(rows.values());
  }

  private Stored join(Sealed row) {
    return new Stored(row, keys.rows().stream().filter(k -> k.ref().id().equals(row.dataKeyId())).findFirst()
        .orElseThrow(() -> new IllegalStateException("a row references a missing data key")).ref(),
        row.id().equals(defaults.get(row.subject())));
  }
}
