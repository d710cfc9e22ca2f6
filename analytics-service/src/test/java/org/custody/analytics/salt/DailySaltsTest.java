package org.custody.analytics.salt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class DailySaltsTest {
  private final MutableClock clock = MutableClock.at("2026-05-10T08:00:00Z");
  private final InMemorySaltStore store = new InMemorySaltStore();
  private final DailySalts salts = new DailySalts(store, clock, new SecureRandom());

  @Test
  void saltFor_isAtLeast16RandomBytes_onePerDay_andStable() {
    LocalDate today = LocalDate.parse("2026-05-10");
    byte[] first = salts.saltFor(today);
    assertThat(first.length).isGreaterThanOrEqualTo(16);
    assertThat(salts.saltFor(today)).isEqualTo(first);
    assertThat(salts.saltFor(today.minusDays(1))).isNotEqualTo(first);
    assertThat(first).isNotEqualTo(new byte[first.length]);
  }

  @Test
  void P4_destroyExpired_keepsYesterdayAndToday_andDestroysOlderSalts() {
    LocalDate day = LocalDate.parse("2026-05-10");
    salts.saltFor(day.minusDays(1));
    salts.saltFor(day);
    clock.advance(Duration.ofDays(1));
    assertThat(salts.destroyExpired()).isEqualTo(1); // on the 11th, the 9th is older than yesterday
    assertThat(store.days()).contains(day);
    assertThat(store.days()).doesNotContain(day.minusDays(1));
    clock.advance(Duration.ofDays(1));
    salts.destroyExpired();
    assertThat(store.days()).doesNotContain(day);
    assertThatThrownBy(() -> salts.saltFor(day)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saltFor_dayBeforeYesterdayOrAfterTomorrow_isRefused() {
    LocalDate today = LocalDate.parse("2026-05-10");
    assertThatThrownBy(() -> salts.saltFor(today.minusDays(2))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> salts.saltFor(today.plusDays(2))).isInstanceOf(IllegalArgumentException.class);
    assertThat(salts.saltFor(today.plusDays(1))).hasSize(DailySalts.SALT_BYTES);
  }
}
