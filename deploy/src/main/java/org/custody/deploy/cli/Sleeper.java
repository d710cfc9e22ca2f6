package org.custody.deploy.cli;

import java.time.Duration;

/** The pause between two polls of a --watch. */
final class Sleeper {
  private Sleeper() {}

  static void sleep(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
