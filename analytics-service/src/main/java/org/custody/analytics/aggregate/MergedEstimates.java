package org.custody.analytics.aggregate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Comparator;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * The estimate of the union of stored sketches, as {@link Union} would give it, for less.
 *
 * <p>A sketch with few visitors is stored as a list of coupons (register number and value, one
 * int each) rather than registers. A union of such lists stays a coupon set until it holds more
 * than {@link #COUPON_CAPACITY} coupons, and its estimate is then a function of the number of
 * distinct coupons alone. {@link Union} gets there by inserting coupon after coupon into a hash
 * set that it regrows from 8 slots up, through a memory wrapper per piece: for a month of a
 * thin page that was most of the cost of a total. Here the coupons are read straight from the
 * serialised pieces (DataSketches' documented layout, serial version 1) into one set sized for
 * all of them, and the count is turned into the estimate with a table the library itself
 * computed (see {@link #ESTIMATE_BY_COUPONS}). Anything else — a piece in register mode, more
 * coupons than a coupon set holds, a layout not recognised — goes through {@link Union},
 * largest piece first.
 */
public final class MergedEstimates {
  /** Coupons a coupon set of 2^12 registers holds before it turns into registers (3/4 of 2^9). */
  static final int COUPON_CAPACITY = 384;
  private static final int SERIAL_VERSION = 1;
  private static final int FAMILY_HLL = 7;
  private static final int MODE_LIST = 0;
  private static final int MODE_SET = 1;
  private static final int LIST_COUPONS_START = 8;
  private static final int SET_COUPONS_START = 12;
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  /** The estimate of a coupon-mode sketch holding n distinct coupons, n = 0..COUPON_CAPACITY. */
  private static final double[] ESTIMATE_BY_COUPONS = estimateByCoupons();

  private MergedEstimates() {}

  /** The rounded estimate of the union of {@code sketches} (sorted by this call). */
  public static long of(List<byte[]> sketches) {
    if (sketches.size() == 1) {
      return Sketches.estimate(sketches.get(0));
    }
    int coupons = distinctCoupons(sketches);
    if (coupons >= 0) {
      return Math.round(ESTIMATE_BY_COUPONS[coupons]);
    }
    // A union that starts from the largest piece takes the small ones register by register;
    // one that starts small regrows its coupon table several times on the way.
    sketches.sort(Comparator.comparingInt((byte[] b) -> b.length).reversed());
    Union union = Sketches.union();
    for (byte[] sketch : sketches) {
      Sketches.merge(union, sketch);
    }
    return Sketches.estimate(union);
  }

  /**
   * The number of distinct coupons over all pieces when every piece is a coupon list or set of
   * this service's size and their union would stay a coupon set; -1 otherwise.
   */
  static int distinctCoupons(List<byte[]> sketches) {
    int total = 0;
    for (byte[] sketch : sketches) {
      int start = couponsStart(sketch);
      if (start < 0) {
        return -1;
      }
      total += (sketch.length - start) / Integer.BYTES;
    }
    // Open addressing at most half full; coupons are never 0 (a register value is at least 1).
    int[] table = new int[Integer.highestOneBit(Math.max(total, 1) * 2) * 2];
    int mask = table.length - 1;
    int distinct = 0;
    for (byte[] sketch : sketches) {
      for (int at = couponsStart(sketch); at + Integer.BYTES <= sketch.length; at += Integer.BYTES) {
        int coupon = (int) INT_LE.get(sketch, at);
        if (coupon == 0) {
          continue; // an empty slot of an updatable list or set
        }
        int slot = (coupon * 0x9E3779B9 >>> 7) & mask;
        while (table[slot] != 0 && table[slot] != coupon) {
          slot = (slot + 1) & mask;
        }
        if (table[slot] == 0) {
          table[slot] = coupon;
          if (++distinct > COUPON_CAPACITY) {
            return -1;
          }
        }
      }
    }
    return distinct;
  }

  /** Where a serialised coupon list or set of 2^LG_K registers keeps its coupons; -1 for anything else. */
  private static int couponsStart(byte[] sketch) {
    if (sketch.length < LIST_COUPONS_START || sketch[1] != SERIAL_VERSION || sketch[2] != FAMILY_HLL || sketch[3] != Sketches.LG_K) {
      return -1;
    }
    int mode = sketch[7] & 3;
    if (mode == MODE_LIST && (sketch[0] & 0x3F) == 2) {
      return LIST_COUPONS_START;
    }
    if (mode == MODE_SET && (sketch[0] & 0x3F) == 3 && sketch.length >= SET_COUPONS_START) {
      return SET_COUPONS_START;
    }
    return -1;
  }

  /**
   * The library's coupon-mode estimates, read off a sketch fed distinct values until it leaves
   * coupon mode: each value either adds a coupon, which raises the estimate, or collides with
   * one, which leaves it unchanged.
   */
  private static double[] estimateByCoupons() {
    double[] estimates = new double[COUPON_CAPACITY + 1];
    HllSketch sketch = new HllSketch(Sketches.LG_K, TgtHllType.HLL_8);
    int coupons = 0;
    double previous = 0;
    for (long value = 0; coupons < COUPON_CAPACITY; value++) {
      sketch.update(value);
      double estimate = sketch.getEstimate();
      if (estimate != previous) {
        estimates[++coupons] = estimate;
        previous = estimate;
      }
    }
    return estimates;
  }
}
