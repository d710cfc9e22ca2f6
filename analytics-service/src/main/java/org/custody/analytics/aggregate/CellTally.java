package org.custody.analytics.aggregate;

import org.apache.datasketches.hll.HllSketch;

/** A cell's view count and unique-visitor sketch while a batch is being reduced. Not thread-safe. */
public final class CellTally {
  private long views;
  private final HllSketch visitors;

  public CellTally() {
    this(0, Sketches.empty());
  }

  public CellTally(long views, HllSketch visitors) {
    this.views = views;
    this.visitors = visitors;
  }

  /** Counts one view by the visitor with this keyed hash. */
  public void add(long visitorHash) {
    views++;
    visitors.update(visitorHash);
  }

  public long views() {
    return views;
  }

  public HllSketch visitors() {
    return visitors;
  }
}
