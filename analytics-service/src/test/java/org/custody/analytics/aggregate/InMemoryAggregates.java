package org.custody.analytics.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.datasketches.hll.Union;
import org.custody.analytics.ingest.InMemoryRequestKeys;
import org.custody.analytics.ingest.JournalStore;
import org.custody.analytics.ingest.RequestKey;
import org.custody.analytics.stats.AggregateReader;
import org.custody.analytics.stats.AggregateRow;
import org.custody.analytics.stats.CellQuery;
import org.custody.analytics.stats.Granularity;

/**
 * Journal, compactor, reader and sealer in memory, with the jOOQ stores' semantics, for unit
 * tests; faithful by AggregateStoreContract, JournalStoreContract and SpanSealerContract.
 */
public final class InMemoryAggregates implements JournalStore, AggregateCompactor, AggregateReader, SpanSealer {
  private record Pending(String projectId, BatchAggregate batch) {}

  private record Key(Dimension dimension, String projectId, LocalDate day, String key) {}

  private static final class Cell {
    long views;
    final Union visitors = Sketches.union();
  }

  private final List<Pending> journal = new ArrayList<>();
  private final InMemoryRequestKeys requestKeys = new InMemoryRequestKeys();
  private final Map<Key, Cell> cells = new LinkedHashMap<>();
  public int compactions;

  @Override
  public synchronized Appended append(String projectId, BatchAggregate batch, Optional<RequestKey> key, Instant now) {
    if (key.isPresent()) {
      Optional<Appended> replay = requestKeys.claim(projectId, key.get(), batch.views(), now);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    journal.add(new Pending(projectId, batch));
    return new Appended(batch.views(), false);
  }

  @Override
  public int purgeRequestKeys(Instant before) {
    return requestKeys.purge(before);
  }

  /**
   * Folds what is pending, like the jOOQ sealer, and builds nothing: reads here go over the day
   * cells, so there are no spans to build.
   */
  @Override
  public int sealClosedDays() {
    compactPending();
    return 0;
  }

  @Override
  public synchronized int compactPending() {
    compactions++;
    int folded = journal.size();
    for (Pending pending : journal) {
      for (Dimension dimension : Dimension.values()) {
        pending.batch().cells(dimension).forEach((cellKey, tally) -> {
          Cell cell = cells.computeIfAbsent(new Key(dimension, pending.projectId(), cellKey.day(), cellKey.key()), k -> new Cell());
          cell.views += tally.views();
          cell.visitors.update(tally.visitors());
        });
      }
    }
    journal.clear();
    return folded;
  }

  /** Batches appended but not yet compacted. */
  public synchronized int pending() {
    return journal.size();
  }

  @Override
  public synchronized List<AggregateRow> read(CellQuery q) {
    List<Map.Entry<Key, Cell>> matching = cells.entrySet().stream()
        .filter(e -> e.getKey().dimension() == q.dimension() && e.getKey().projectId().equals(q.projectId())
            && !e.getKey().day().isBefore(q.range().start()) && !e.getKey().day().isAfter(q.range().end())
            && e.getKey().key().startsWith(q.keyPrefix()))
        .toList();
    List<AggregateRow> rows = new ArrayList<>();
    if (q.granularity() == Granularity.DAY) {
      for (Map.Entry<Key, Cell> e : matching) {
        long uniques = Sketches.estimate(e.getValue().visitors);
        rows.add(new AggregateRow(e.getKey().key(), e.getKey().day(), uniques >= q.visibleFrom(), e.getValue().views, uniques));
      }
    } else {
      Map<String, long[]> views = new LinkedHashMap<>();
      Map<String, Union> unions = new HashMap<>();
      for (Map.Entry<Key, Cell> e : matching) {
        long[] total = views.computeIfAbsent(e.getKey().key(), k -> new long[2]);
        if (Sketches.estimate(e.getValue().visitors) >= q.visibleFrom()) {
          total[0] += e.getValue().views;
          total[1] = 1;
          unions.computeIfAbsent(e.getKey().key(), k -> Sketches.union()).update(e.getValue().visitors.getResult());
        }
      }
      views.forEach((key, total) -> rows.add(new AggregateRow(key, null, total[1] == 1, total[0],
          unions.containsKey(key) ? Sketches.estimate(unions.get(key)) : 0)));
    }
    Comparator<AggregateRow> byKey = Comparator.comparing(AggregateRow::key)
        .thenComparing(AggregateRow::day, Comparator.nullsFirst(Comparator.naturalOrder()));
    Comparator<AggregateRow> order = switch (q.order()) {
      case KEY_ASC -> byKey;
      case VIEWS_DESC -> Comparator.comparing((AggregateRow r) -> !r.visible())
          .thenComparing(Comparator.comparingLong((AggregateRow r) -> r.visible() ? r.views() : 0).reversed())
          .thenComparing(byKey);
      case UNIQUE_VISITORS_DESC -> Comparator.comparing((AggregateRow r) -> !r.visible())
          .thenComparing(Comparator.comparingLong((AggregateRow r) -> r.visible() ? r.uniqueVisitors() : 0).reversed())
          .thenComparing(byKey);
    };
    rows.sort(order);
    int from = Math.min(q.offset(), rows.size());
    return List.copyOf(rows.subList(from, (int) Math.min((long) from + q.limit(), rows.size())));
  }
}
