package org.custody.billing.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.custody.billing.ListCursor;
import org.custody.billing.invoice.InvoiceStatus;
import org.custody.billing.invoice.InvoiceStore;
import org.custody.platform.api.AccountName;

/** Invoices in memory. */
public final class InMemoryInvoiceStore implements InvoiceStore {
  private final Map<String, Sealed> rows = new LinkedHashMap<>();
  private final Map<String, Long> sequences = new HashMap<>();
  private final InMemoryDataKeyStore keys;

  public InMemoryInvoiceStore(InMemoryDataKeyStore keys) {
    this.keys = keys;
  }

  @Override
  public synchronized long nextNumber(String projectId, int year) {
    return sequences.merge(projectId + "/" + year, 1L, Long::sum);
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
  public synchronized List<Stored> listNewestFirst(AccountName subject, Optional<ListCursor> after, int limit) {
    return rows.values().stream().filter(r -> r.subject().equals(subject))
        .sorted(Comparator.comparing(Sealed::createTime).thenComparing(Sealed::id).reversed())
        .filter(r -> after.map(c -> r.createTime().isBefore(c.createTime())
            || (r.createTime().equals(c.createTime()) && r.id().compareTo(c.id()) < 0)).orElse(true))
        .limit(limit).map(this::join).toList();
  }

  @Override
  public synchronized void updateStatus(String id, InvoiceStatus status, Instant at) {
    Sealed r = rows.get(id);
    rows.put(id, new Sealed(id, r.subject(), r.invoiceNumber(), r.billingProfileId(), r.issueDate(), r.currencyCode(), r.totalMinor(),
        status, r.dataKeyId(), r.sealedContents(), r.retainUntil(), r.createTime(), at));
  }

  @Override
  public synchronized List<Stored> sealedUnder(String dataKeyId) {
    return rows.values().stream().filter(r -> r.dataKeyId().equals(dataKeyId)).map(this::join).toList();
  }

  @Override
  public synchronized void reseal(String id, String dataKeyId, byte[] sealedContents) {
    Sealed r = rows.get(id);
    rows.put(id, new Sealed(id, r.subject(), r.invoiceNumber(), r.billingProfileId(), r.issueDate(), r.currencyCode(), r.totalMinor(),
        r.status(), dataKeyId, sealedContents, r.retainUntil(), r.createTime(), r.updateTime()));
  }

  @Override
  public synchronized Map<Instant, Long> countUnderByRetainUntil(String dataKeyId) {
    Map<Instant, Long> counts = new TreeMap<>();
    rows.values().stream().filter(r -> r.dataKeyId().equals(dataKeyId)).forEach(r -> counts.merge(r.retainUntil(), 1L, Long::sum));
    return counts;
  }

  @Override
  public synchronized void delete(String id) {
    rows.remove(id);
  }

  @Override
  public synchronized List<String> retentionEndedBy(Instant now, int limit) {
    return rows.values().stream().filter(r -> !r.retainUntil().isAfter(now)).map(Sealed::id).limit(limit).toList();
  }

  @Override
  public synchronized long countUnder(String dataKeyId) {
    return rows.values().stream().filter(r -> r.dataKeyId().equals(dataKeyId)).count();
  }

  public synchronized List<Sealed> rows() {
    return List.copyOf(rows.values());
  }

  private Stored join(Sealed row) {
    return new Stored(row, keys.rows().stream().filter(k -> k.ref().id().equals(row.dataKeyId())).findFirst()
        .orElseThrow(() -> new IllegalStateException("a row references a missing data key")).ref());
  }
}
