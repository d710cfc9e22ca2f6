package org.custody.analytics.ingest;

/** A URL that cannot be normalised; the message describes the rule, never the value. */
public final class InvalidUrlException extends Exception {
  public InvalidUrlException(String rule) {
    super(rule, null, false, false);
  }
}
