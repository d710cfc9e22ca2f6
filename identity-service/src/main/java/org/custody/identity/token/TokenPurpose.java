package org.custody.identity.token;

import java.time.Duration;

/** What a mailed token proves, and how long it lasts. */
public enum TokenPurpose {
  /** That the account's current address reaches the person: a day to click. */
  VERIFY_EMAIL(Duration.ofHours(24)),
  /** That the person reads the account's mail, so may set a new password: 15 minutes. */
  RECOVERY(Duration.ofMinutes(15));

  private final Duration lifetime;

  TokenPurpose(Duration lifetime) {
    this.lifetime = lifetime;
  }

  public Duration lifetime() {
    return lifetime;
  }
}
