package org.custody.analytics.stats;

/** How rows are ordered; ties (and suppressed rows, which always come last) go by key, then day. */
public enum RowOrder {
  VIEWS_DESC,
  UNIQUE_VISITORS_DESC,
  /** By key (path or host), then day: the only order that depends on no count. */
  KEY_ASC
}
