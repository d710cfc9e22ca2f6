package org.custody.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergedEstimatesTest {
  private final Random random = new Random(11);

  /** A sketch of {@code visitors} values drawn from a pool, stored as cells store them, or as spans do. */
  private byte[] stored(int visitors, int pool, boolean span) {
    HllSketch sketch = Sketches.empty();
    for (int i = 0; i < visitors; i++) {
      sketch.update(random.nextInt(pool));
    }
    if (!span) {
      return Sketches.toBytes(sketch);
    }
    Union union = Sketches.union();
    union.update(sketch);
    return Sketches.toMergeableBytes(union);
  }

  /** The library's union, largest piece first (its estimates can depend on the order once registers are involved). */
  private static long byUnion(List<byte[]> pieces) {
    List<byte[]> ordered = new ArrayList<>(pieces);
    ordered.sort(java.util.Comparator.comparingInt((byte[] b) -> b.length).reversed());
    Union union = Sketches.union();
    for (byte[] piece : ordered) {
      Sketches.merge(union, piece);
    }
    return Sketches.estimate(union);
  }

  /**
   * Whatever the pieces — coupon lists, coupon sets, registers, 4- or 8-bit, overlapping, unions
   * that stay coupon sets and ones that outgrow them — the estimate is the library union's.
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 20, 60, 150, 400, 5_000})
  void of_isTheUnionsEstimate(int poolSize) {
    for (int round = 0; round < 200; round++) {
      List<byte[]> pieces = new ArrayList<>();
      int count = 2 + random.nextInt(7);
      for (int i = 0; i < count; i++) {
        pieces.add(stored(random.nextInt(Math.min(poolSize, 120) + 1), poolSize, random.nextBoolean()));
      }
      long expected = byUnion(pieces);
      assertThat(MergedEstimates.of(new ArrayList<>(pieces))).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void distinctCoupons_countsEachCouponOnce_andGivesUpBeyondACouponSet() {
    byte[] a = stored(50, 1_000_000, false);
    assertThat(MergedEstimates.distinctCoupons(List.of(a, a, a))).isEqualTo(MergedEstimates.distinctCoupons(List.of(a)));
    assertThat(MergedEstimates.distinctCoupons(List.of(a))).isBetween(48, 50); // a rare collision of two values

    byte[] dense = stored(10_000, 1_000_000, false);
    assertThat(MergedEstimates.distinctCoupons(List.of(a, dense))).isEqualTo(-1);

    List<byte[]> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(stored(60, 1_000_000, true)); // 10 x 60 coupons: more than a coupon set holds
    }
    assertThat(MergedEstimates.distinctCoupons(many)).isEqualTo(-1);
    assertThat(MergedEstimates.of(many)).isEqualTo(byUnion(many));
  }

  /** The capacity this relies on is the library's: a sketch leaves coupon mode at the 385th coupon. */
  @Test
  void couponCapacity_isWhereTheLibraryLeavesCouponMode() {
    HllSketch sketch = new HllSketch(Sketches.LG_K, TgtHllType.HLL_8);
    int coupons = 0;
    double previous = 0;
    for (long value = 0; ; value++) {
      sketch.update(value);
      double estimate = sketch.getEstimate();
      if (estimate != previous) {
        coupons++;
        previous = estimate;
      }
      boolean couponMode = (sketch.toCompactByteArray()[7] & 3) != 2;
      if (!couponMode) {
        assertThat(coupons).isEqualTo(MergedEstimates.COUPON_CAPACITY + 1);
        return;
      }
    }
  }
}
