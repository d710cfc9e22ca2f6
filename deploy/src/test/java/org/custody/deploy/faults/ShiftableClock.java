package org.custody.deploy.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.custody.platform.server.ServiceRuntime;

/**
 * The services' own clock (it ticks), moved forward by hand: two suites sharing one see the same
 * time, and a test can make days pass for both at once (a day closes for span sealing two days
 * after it began). Leases and backoffs keep working, unlike with a stopped clock.
 */
final class ShiftableClock extends Clock {
  private final Clock base = ServiceRuntime.systemClock();
  private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

  void advance(Duration by) {
    shift.accumulateAndGet(by, Duration::plus);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(shift.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
