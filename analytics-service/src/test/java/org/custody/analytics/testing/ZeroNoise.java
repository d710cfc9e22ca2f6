package org.custody.analytics.testing;

import org.custody.analytics.privacy.Noise;

/** No noise at all, so tests can see what a noisy path does with the true counts. */
public final class ZeroNoise implements Noise {
  public int draws;

  @Override
  public synchronized long sample(double epsilon, double sensitivity) {
    draws++;
    return 0;
  }
}
