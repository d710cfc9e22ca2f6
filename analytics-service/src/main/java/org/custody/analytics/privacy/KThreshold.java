package org.custody.analytics.privacy;

/**
 * The small-count threshold k: a row whose unique visitors (or a survey option whose count) is
 * below k is shown as suppressed, without numbers. Never below {@link #MINIMUM}.
 *
 * @param value the smallest count that is shown
 */
public record KThreshold(int value) {
  /** The floor no configuration can go below. */
  public static final int MINIMUM = 5;
  /** The default. */
  public static final int DEFAULT = 10;

  public KThreshold {
    if (value < MINIMUM) {
      throw new IllegalArgumentException("the k-threshold must be at least " + MINIMUM);
    }
  }

  /** Whether a count is too small to be shown. */
  public boolean hides(long count) {
    return count < value;
  }
}
