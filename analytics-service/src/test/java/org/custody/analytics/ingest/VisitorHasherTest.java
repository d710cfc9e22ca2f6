package org.custody.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.datasketches.hll.Union;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.aggregate.Sketches;
import org.custody.analytics.metrics.AnalyticsMetrics;
import org.custody.analytics.salt.DailySalts;
import org.custody.analytics.salt.InMemorySaltStore;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class VisitorHasherTest {
  private static final String IP = "203.0.113.7";
  private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0";

  private final MutableClock clock = MutableClock.at("2026-05-10T09:00:00Z");
  private final InMemorySaltStore store = new InMemorySaltStore();
  private final DailySalts salts = new DailySalts(store, clock, new SecureRandom());
  private final VisitorHasher hasher = new VisitorHasher(salts);

  @Test
  void P4_sameVisitorIsOneUniqueWithinADay_andUnlinkableOnceTheSaltIsDestroyed() throws Exception {
    LocalDate day = LocalDate.parse("2026-05-10");
    long morning = hasher.forBatch("acme").hash(day, IP, UA);
    clock.advance(Duration.ofHours(13)); // 22:00, same day, another batch
    long evening = hasher.forBatch("acme").hash(day, IP, UA);
    assertThat(evening).isEqualTo(morning);
    assertThat(hasher.forBatch("acme").hash(day, IP, UA + " other")).isNotEqualTo(morning);
    assertThat(hasher.forBatch("globex").hash(day, IP, UA)).isNotEqualTo(morning);

    clock.advance(Duration.ofHours(3)); // 01:00 the next day
    LocalDate nextDay = day.plusDays(1);
    assertThat(hasher.forBatch("acme").hash(nextDay, IP, UA)).isNotEqualTo(morning);
    // A view of yesterday that arrives after midnight still counts as the same visitor.
    assertThat(hasher.forBatch("acme").hash(day, IP, UA)).isEqualTo(morning);

    clock.advance(Duration.ofDays(1)); // the day after: yesterday's salt must go
    salts.destroyExpired();
    assertThat(store.days()).doesNotContain(day);
    assertThatThrownBy(() -> hasher.forBatch("acme").hash(day, IP, UA)).isInstanceOf(IllegalArgumentException.class);
    List<byte[]> remaining = store.all();
    assertThat(remaining).isNotEmpty();
    for (byte[] salt : remaining) {
      assertThat(recompute(salt, "acme", IP, UA)).isNotEqualTo(morning);
    }
  }

  @Test
  void hash_sameVisitorAcrossBatchesOfOneDay_isOneUniqueInTheAggregate() {
    CapturingJournal journal = new CapturingJournal();
    PageViewIngestion ingestion = new PageViewIngestion(new PathNormaliser(), new ReferrerHosts(),
        new IngestionWindow(clock, Duration.ofHours(24), Duration.ofMinutes(5)), hasher, journal,
        AnalyticsMetrics.NONE);
    Union union = Sketches.union();
    for (int batch = 0; batch < 3; batch++) {
      ingestion.record("acme", List.of(new PageViewInput("/pricing", "", clock.instant(), IP, UA)), Optional.empty());
      clock.advance(Duration.ofHours(1));
    }
    journal.batches.forEach(b -> b.cells(Dimension.PAGE).values()
        .forEach(t -> union.update(t.visitors())));
    assertThat(Math.round(union.getEstimate())).isEqualTo(1);
  }

  /** What an attacker holding every remaining salt could compute. */
  private static long recompute(byte[] salt, String project, String ip, String ua) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    mac.update(project.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(ip.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(ua.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(mac.doFinal()).getLong();
  }
}
