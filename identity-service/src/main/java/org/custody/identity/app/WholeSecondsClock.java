package org.custody.identity.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A clock that drops fractions of a second. MySQL Connector/J sends no fractional seconds to a
 * MariaDB 10.x server (it announces itself as "5.5.5-10.x", which the driver takes for a server
 * without them), so identity records times to the second: a time read back then equals the time
 * written, on every supported server.
 */
final class WholeSecondsClock extends Clock {
  private final Clock base;

  WholeSecondsClock(Clock base) {
    this.base = base;
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new WholeSecondsClock(base.withZone(zone));
  }

  @Override
  public Instant instant() {
    return base.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
