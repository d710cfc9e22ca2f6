package org.custody.analytics.aggregate;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * The unique-visitor sketches: Apache DataSketches HyperLogLog with 2^12 registers of 4 bits
 * (relative standard error about 1.6%; at most about 2 KB serialised, a few bytes while a cell
 * has few visitors). Sketches are mergeable: a cell's sketch is the union of its batches' and a
 * total row's the union of its days'.
 */
public final class Sketches {
  /** log2 of the number of registers. */
  public static final int LG_K = 12;
  private static final TgtHllType TYPE = TgtHllType.HLL_4;

  private Sketches() {}

  public static HllSketch empty() {
    return new HllSketch(LG_K, TYPE);
  }

  public static Union union() {
    return new Union(LG_K);
  }

  /** Serialised form kept in storage. */
  public static byte[] toBytes(HllSketch sketch) {
    return sketch.toCompactByteArray();
  }

  public static byte[] toBytes(Union union) {
    return union.getResult(TYPE).toCompactByteArray();
  }

  /**
   * Serialised form of a sketch that is mostly read to be merged again (sealed spans): 8-bit
   * registers, twice the size of the 4-bit form once a sketch is dense, but a union (itself
   * 8-bit) takes them byte by byte instead of converting and unpacking every register — that
   * conversion was most of a long-range total's CPU.
   */
  public static byte[] toMergeableBytes(Union union) {
    return union.getResult(TgtHllType.HLL_8).toCompactByteArray();
  }

  /** Adds a stored sketch to a union without copying it onto the heap. */
  public static void merge(Union union, byte[] stored) {
    union.update(HllSketch.wrap(Memory.wrap(stored)));
  }

  /** The rounded estimate of a stored sketch. */
  public static long estimate(byte[] stored) {
    return Math.round(HllSketch.wrap(Memory.wrap(stored)).getEstimate());
  }

  public static long estimate(Union union) {
    return Math.round(union.getEstimate());
  }
}
