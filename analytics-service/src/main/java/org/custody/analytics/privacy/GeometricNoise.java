package org.custody.analytics.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The two-sided geometric mechanism (discrete Laplace, Ghosh, Roughgarden and Sundararajan
 * 2009): {@code P(Z = z) = (1 - a) / (1 + a) * a^|z|} with {@code a = exp(-epsilon /
 * sensitivity)}, which makes a count with that L1 sensitivity epsilon-DP. Its mean is 0 and its
 * variance {@code 2a / (1 - a)^2}.
 *
 * <p>Z is drawn by inverting its distribution with one 64-bit word from a CSPRNG ({@link
 * SecureRandom}, by default the JDK's Hash_DRBG at 256-bit strength; its output is taken 4 KB at
 * a time per thread, each byte used once, because a noisy answer can need a hundred thousand
 * draws): the word's top 53 bits are a uniform u on (0, 1] that gives the magnitude, its lowest
 * bit the sign. {@code P(|Z| >= m) = 2a^m / (1 + a)} for m &ge; 1, so |Z| is 0 when
 * {@code u > 2a / (1 + a)} and otherwise {@code floor(log(u (1 + a) / 2) / log a)}. (The
 * difference of two geometric draws has the same law but costs two words and two logarithms.)
 * The output is an integer, so the floating-point attacks on continuous Laplace samplers
 * (Mironov 2012) that read low-order bits of the noise do not apply; only the far tail is shaped
 * by double precision.
 */
public final class GeometricNoise implements Noise {
  private static final int BUFFER_BYTES = 4096;

  private final SecureRandom random;
  private final ThreadLocal<Draws> draws = ThreadLocal.withInitial(Draws::new);

  public GeometricNoise(SecureRandom random) {
    this.random = random;
  }

  /** Noise from a fresh, self-seeded DRBG (or the platform's default CSPRNG where there is none). */
  public static GeometricNoise secure() {
    try {
      return new GeometricNoise(SecureRandom.getInstance("DRBG",
          DrbgParameters.instantiation(256, DrbgParameters.Capability.NONE, "custody-analytics-noise".getBytes(StandardCharsets.UTF_8))));
    } catch (NoSuchAlgorithmException e) {
      return new GeometricNoise(new SecureRandom());
    }
  }

  @Override
  public long sample(double epsilon, double sensitivity) {
    if (!(epsilon > 0) || !(sensitivity > 0)) {
      throw new IllegalArgumentException("epsilon and sensitivity must be positive");
    }
    // One thread-local lookup per draw (it showed in profiles of 60,000-draw answers); the
    // mechanism's constants are kept for the last scale, which a whole answer shares.
    Draws state = draws.get();
    state.calibrate(-epsilon / sensitivity);
    long word = state.nextLong(random);
    double u = ((word >>> 11) + 1) * 0x1.0p-53; // uniform on (0, 1]
    if (u > state.nonZero) {
      return 0;
    }
    double m = Math.floor((Math.log(u) + state.logHalfOnePlusAlpha) / state.logAlpha);
    long magnitude = m >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) m;
    return (word & 1) == 0 ? magnitude : -magnitude;
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

  /** A thread's buffer of CSPRNG output and the constants of the scale it last drew at. */
  private static final class Draws {
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).position(BUFFER_BYTES);
    private double logAlpha = Double.NaN;
    /** P(Z != 0) = 2a / (1 + a). */
    private double nonZero;
    /** log((1 + a) / 2). */
    private double logHalfOnePlusAlpha;

    void calibrate(double logAlpha) {
      if (logAlpha != this.logAlpha) {
        double alpha = Math.exp(logAlpha);
        this.logAlpha = logAlpha;
        this.nonZero = 2 * alpha / (1 + alpha);
        this.logHalfOnePlusAlpha = Math.log((1 + alpha) / 2);
      }
    }

    /** 64 fresh random bits, each used once. */
    long nextLong(SecureRandom random) {
      if (buffer.remaining() < Long.BYTES) {
        random.nextBytes(buffer.array());
        buffer.clear();
      }
      return buffer.getLong();
    }
  }
}
