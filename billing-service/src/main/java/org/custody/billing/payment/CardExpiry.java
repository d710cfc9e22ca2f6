package org.custody.billing.payment;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** A card's expiry month. A card is valid through the last day of that month (UTC). */
public record CardExpiry(int month, int year) {
  public YearMonth yearMonth() {
    return YearMonth.of(year, month);
  }

  public boolean expiredAt(Clock clock) {
    return yearMonth().isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
  }
}
