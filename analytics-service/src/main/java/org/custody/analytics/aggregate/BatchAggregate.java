package org.custody.analytics.aggregate;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A batch of page views reduced in memory to its cells before anything is written: per (day,
 * path) and per (day, referrer host), a view count and an HLL sketch of the visitors' keyed
 * hashes. This is all that is ever stored of a view.
 */
public final class BatchAggregate {
  private final Map<CellKey, CellTally> pages;
  private final Map<CellKey, CellTally> referrers;
  private int views;

  public BatchAggregate() {
    this(new HashMap<>(), new HashMap<>(), 0);
  }

  /** A batch rebuilt from storage. */
  public BatchAggregate(Map<CellKey, CellTally> pages, Map<CellKey, CellTally> referrers, int views) {
    this.pages = pages;
    this.referrers = referrers;
    this.views = views;
  }

  /**
   * Adds one view.
   *
   * @param referrerHost the referrer's host, or null when there is none to count
   */
  public void add(LocalDate day, String path, String referrerHost, long visitorHash) {
    pages.computeIfAbsent(new CellKey(day, path), k -> new CellTally()).add(visitorHash);
    if (referrerHost != null) {
      referrers.computeIfAbsent(new CellKey(day, referrerHost), k -> new CellTally()).add(visitorHash);
    }
    views++;
  }

  public Map<CellKey, CellTally> cells(Dimension dimension) {
    return Collections.unmodifiableMap(dimension == Dimension.PAGE ? pages : referrers);
  }

  /** How many views the batch holds. */
  public int views() {
    return views;
  }
}
