package org.custody.analytics.aggregate;

/** What an aggregate cell is keyed by besides project and day. */
public enum Dimension {
  /** The normalised page path. */
  PAGE,
  /** The referrer's host. */
  REFERRER
}
