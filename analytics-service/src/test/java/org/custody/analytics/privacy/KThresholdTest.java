package org.custody.analytics.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KThresholdTest {
  @Test
  void new_belowFive_isRefused() {
    assertThatThrownBy(() -> new KThreshold(4)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new KThreshold(5).value()).isEqualTo(5);
  }

  @Test
  void hides_countsBelowK() {
    KThreshold k = new KThreshold(10);
    assertThat(k.hides(9)).isTrue();
    assertThat(k.hides(10)).isFalse();
  }
}
