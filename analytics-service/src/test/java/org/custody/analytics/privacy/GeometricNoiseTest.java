package org.custody.analytics.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GeometricNoiseTest {
  private static final int DRAWS = 200_000;
  private final GeometricNoise noise = GeometricNoise.secure();

  /**
   * The empirical mean, variance and point probabilities of many draws match the two-sided
   * geometric distribution with a = exp(-epsilon / sensitivity): mean 0, variance 2a/(1-a)^2,
   * P(z) = (1-a)/(1+a) a^|z|. Tolerances are about five standard errors, so a correct sampler
   * fails this less than once in a million runs, and a sampler off by a factor in its scale
   * (or biased) fails it always.
   */
  @ParameterizedTest
  @CsvSource({"1.0, 1", "0.5, 2", "0.1, 1", "2.0, 1"})
  void sample_empiricalMeanSpreadAndShape_matchTheMechanism(double epsilon, double sensitivity) {
    double alpha = GeometricNoise.alpha(epsilon, sensitivity);
    double variance = GeometricNoise.variance(epsilon, sensitivity);
    double sum = 0;
    double sumOfSquares = 0;
    Map<Long, Integer> histogram = new HashMap<>();
    for (int i = 0; i < DRAWS; i++) {
      long z = noise.sample(epsilon, sensitivity);
      sum += z;
      sumOfSquares += (double) z * z;
      histogram.merge(z, 1, Integer::sum);
    }
    double mean = sum / DRAWS;
    double empiricalVariance = sumOfSquares / DRAWS - mean * mean;
    assertThat(Math.abs(mean)).isLessThan(5 * Math.sqrt(variance / DRAWS));
    // Var of the sample variance of this (Laplace-like) law is about (kurtosis - 1) sigma^4 / n; kurtosis <= 6.
    assertThat(Math.abs(empiricalVariance - variance)).isLessThan(5 * Math.sqrt(5.0 / DRAWS) * variance);
    for (long z = -2; z <= 2; z++) {
      double expected = (1 - alpha) / (1 + alpha) * Math.pow(alpha, Math.abs(z));
      double observed = histogram.getOrDefault(z, 0) / (double) DRAWS;
      assertThat(Math.abs(observed - expected)).as("P(Z=%d)", z)
          .isLessThan(5 * Math.sqrt(expected * (1 - expected) / DRAWS));
    }
    // The tails beyond what the point probabilities check: P(|Z| >= 3) = 2a^3 / (1 + a).
    double tail = 2 * Math.pow(alpha, 3) / (1 + alpha);
    double observedTail = histogram.entrySet().stream().filter(e -> Math.abs(e.getKey()) >= 3)
        .mapToInt(Map.Entry::getValue).sum() / (double) DRAWS;
    assertThat(Math.abs(observedTail - tail)).as("P(|Z| >= 3)").isLessThan(5 * Math.sqrt(tail * (1 - tail) / DRAWS) + 1e-9);
    assertThat(histogram.getOrDefault(0L, 0) / (double) DRAWS)
        .isCloseTo(GeometricNoise.probabilityOfZero(epsilon, sensitivity), org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void sample_isSymmetric() {
    long positive = 0;
    long negative = 0;
    for (int i = 0; i < DRAWS; i++) {
      long z = noise.sample(0.5, 1);
      if (z > 0) {
        positive++;
      } else if (z < 0) {
        negative++;
      }
    }
    double n = positive + negative;
    assertThat(Math.abs(positive - n / 2)).isLessThan(5 * Math.sqrt(n / 4));
  }

  @Test
  void sample_withoutPositiveEpsilon_isRefused() {
    assertThatThrownBy(() -> noise.sample(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> noise.sample(-1, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void perturb_neverGoesBelowZero() {
    GeometricNoise wild = new GeometricNoise(new SecureRandom());
    for (int i = 0; i < 10_000; i++) {
      assertThat(wild.perturb(0, 0.01, 1)).isNotNegative();
    }
  }
}
