package org.custody.analytics.salt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What every SaltStore must do; run against the in-memory fake and the jOOQ store. */
public abstract class SaltStoreContract {
  private static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

  protected abstract SaltStore store();

  @Test
  void getOrCreate_firstCandidateWins_laterCallersGetTheSameSalt() {
    SaltStore store = store();
    LocalDate day = LocalDate.parse("2026-05-10");
    byte[] first = filled(1);
    assertThat(store.getOrCreate(day, first, NOW)).isEqualTo(first);
    assertThat(store.getOrCreate(day, filled(2), NOW)).isEqualTo(first);
  }

  @Test
  void deleteBefore_removesOnlyOlderDays() {
    SaltStore store = store();
    for (int d = 1; d <= 4; d++) {
      store.getOrCreate(LocalDate.parse("2026-06-0" + d), filled(d), NOW);
    }
    assertThat(store.deleteBefore(LocalDate.parse("2026-06-03"))).isEqualTo(2);
    assertThat(store.days()).contains(LocalDate.parse("2026-06-03"), LocalDate.parse("2026-06-04"))
        .doesNotContain(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-02"));
  }

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
