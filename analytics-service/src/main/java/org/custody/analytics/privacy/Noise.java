package org.custody.analytics.privacy;

/** A source of differential-privacy noise for integer counts. */
public interface Noise {
  /**
   * One draw of noise calibrated so that releasing {@code count + noise} is
   * {@code epsilon}-differentially private for a count whose L1 sensitivity is
   * {@code sensitivity}.
   */
  long sample(double epsilon, double sensitivity);

  /** The count with noise added, clamped at 0 (clamping is post-processing: it costs nothing). */
  default long perturb(long count, double epsilon, double sensitivity) {
    return Math.max(0, count + sample(epsilon, sensitivity));
  }
}
