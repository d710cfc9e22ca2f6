package org.custody.analytics.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComplementarySuppressionTest {
  private final KThreshold k = new KThreshold(10);

  @Test
  void suppressed_noSmallCounts_hidesNothing() {
    assertThat(ComplementarySuppression.suppressed(new long[] {50, 12, 10}, k)).containsExactly(false, false, false);
  }

  @Test
  void suppressed_oneSmallCount_alsoHidesTheSmallestOtherCount() {
    // Without the complement, total - 50 - 40 would give the hidden 3.
    assertThat(ComplementarySuppression.suppressed(new long[] {50, 3, 40}, k)).containsExactly(false, true, true);
  }

  @Test
  void suppressed_smallCountsThatTogetherReachK_needNoComplement() {
    assertThat(ComplementarySuppression.suppressed(new long[] {50, 6, 5}, k)).containsExactly(false, true, true);
  }

  @Test
  void suppressed_keepsAddingComplementsUntilTheHiddenSumReachesK() {
    assertThat(ComplementarySuppression.suppressed(new long[] {4, 1, 30, 2}, k)).containsExactly(true, true, true, true);
  }

  @Test
  void suppressed_onlyZeroCountsHidden_revealsNoOne() {
    assertThat(ComplementarySuppression.suppressed(new long[] {50, 0, 40}, k)).containsExactly(false, true, false);
  }
}
