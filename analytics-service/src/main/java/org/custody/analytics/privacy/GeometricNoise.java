package org.custody.analytics.privacy;

import java.security.SecureRandom;

/**
 * The two-sided geometric mechanism (discrete Laplace, Ghosh, Roughgarden and Sundararajan
 * 2009): {@code P(Z = z) = (1 - a) / (1 + a) * a^|z|} with {@code a = exp(-epsilon /
 * sensitivity)}, which makes a count with that L1 sensitivity epsilon-DP. Its mean is 0 and its
 * variance {@code 2a / (1 - a)^2}.
 *
 * <p>Z is drawn as the difference of two independent geometric variables, each by inversion of
 * a uniform draw from a CSPRNG ({@link SecureRandom}). The output is an integer, so the
 * floating-point attacks on continuous Laplace samplers (Mironov 2012) that read low-order bits
 * of the noise do not apply; only the far tail is shaped by double precision.
 */
public final class GeometricNoise implements Noise {
  private final SecureRandom random;

  public GeometricNoise(SecureRandom random) {
    this.random = random;
  }

  /** Noise from a fresh {@link SecureRandom}. */
  public static GeometricNoise secure() {
    return new GeometricNoise(new SecureRandom());
  }

  @Override
  public long sample(double epsilon, double sensitivity) {
    if (!(epsilon > 0) || !(sensitivity > 0)) {
      throw new IllegalArgumentException("epsilon and sensitivity must be positive");
    }
    double alpha = alpha(epsilon, sensitivity);
    return geometric(alpha) - geometric(alpha);
  }

  /** The mechanism's parameter a = exp(-epsilon / sensitivity). */
  public static double alpha(double epsilon, double sensitivity) {
    return Math.exp(-epsilon / sensitivity);
  }

  /** The variance of the noise, 2a / (1 - a)^2. */
  public static double variance(double epsilon, double sensitivity) {
    double a = alpha(epsilon, sensitivity);
    return 2 * a / ((1 - a) * (1 - a));
  }

  /** P(Z = 0) = (1 - a) / (1 + a). */
  public static double probabilityOfZero(double epsilon, double sensitivity) {
    double a = alpha(epsilon, sensitivity);
    return (1 - a) / (1 + a);
  }

  /** Failures before the first success, success probability 1 - alpha: P(G >= g) = alpha^g. */
  private long geometric(double alpha) {
    double u = ((random.nextLong() >>> 11) + 1) * 0x1.0p-53; // uniform on (0, 1]
    double g = Math.floor(Math.log(u) / Math.log(alpha));
    return g >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) g;
  }
}
